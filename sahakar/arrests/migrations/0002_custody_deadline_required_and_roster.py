from django.db import migrations, models


class Migration(migrations.Migration):
    """Every arrest has a custody deadline (services compute it before the first save); the
    deadline roster as a record type of its own; arrests listed by time of arrest."""

    dependencies = [
        ("arrests", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CustodyDeadline",
            fields=[],
            options={
                "verbose_name": "custody deadline",
                "verbose_name_plural": "custody deadlines",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("arrests.arrest",),
        ),
        migrations.AlterField(
            model_name="arrest",
            name="custody_deadline",
            field=models.DateTimeField(
                db_index=True, editable=False, verbose_name="custody deadline"
            ),
        ),
        migrations.AddIndex(
            model_name="arrest",
            index=models.Index(fields=["arrested_at"], name="arrests_arr_arreste_35cf45_idx"),
        ),
    ]
