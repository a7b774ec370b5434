// "Add another" for formsets: copies the empty form and raises TOTAL_FORMS. No inline script.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-row]");
  if (!button) return;
  const prefix = button.dataset.addRow;
  const fieldset = button.closest("[data-formset]");
  const total = fieldset.querySelector(`#id_${prefix}-TOTAL_FORMS`);
  const template = fieldset.querySelector("template[data-empty-form]");
  const index = Number(total.value);
  const row = document.createElement("div");
  row.className = "subform";
  row.innerHTML = template.innerHTML.replaceAll("__prefix__", String(index));
  button.before(row);
  total.value = String(index + 1);
  const first = row.querySelector("input, select, textarea");
  if (first) first.focus();
});
