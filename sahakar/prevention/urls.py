from sahakar.core.views.generic import record_urls
from sahakar.prevention import views

app_name = "prevention"
urlpatterns = record_urls(
    list_view=views.CampaignListView,
    detail_view=views.CampaignDetailView,
    edit_view=views.CampaignEditView,
)
