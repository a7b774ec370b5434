// Narrows a drug item's form and unit choices to what fits the chosen substance and form
// (seizures/forms.py: offer_fitting_choices). The first fitting choice is suggested when
// the current one does not fit. The server refuses what does not fit, naming what does,
// so without this script nothing is lost. No inline script (CSP).
(function () {
  "use strict";

  function sibling(select, suffix) {
    const name = select.name.replace(/-substance$/, suffix);
    return select.form ? select.form.elements.namedItem(name) : null;
  }

  function narrow(select, allowed) {
    if (!select) return;
    let firstFit = null;
    Array.from(select.options).forEach((option) => {
      const fits = option.value === "" || allowed.includes(option.value);
      option.hidden = !fits;
      option.disabled = !fits;
      if (fits && option.value !== "" && firstFit === null) firstFit = option.value;
    });
    const ordered = allowed.filter((value) =>
      Array.from(select.options).some((option) => option.value === value)
    );
    if (!allowed.includes(select.value)) {
      select.value = ordered.length ? ordered[0] : firstFit || "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function update(substance) {
    const forms = JSON.parse(substance.dataset.substanceForms || "{}");
    const units = JSON.parse(substance.dataset.formUnits || "{}");
    const formSelect = sibling(substance, "-form");
    const unitSelect = sibling(substance, "-unit");
    if (!substance.value) return;
    narrow(formSelect, forms[substance.value] || []);
    if (formSelect && formSelect.value) narrow(unitSelect, units[formSelect.value] || []);
  }

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLSelectElement)) return;
    if (target.dataset.substanceForms) {
      update(target);
    } else if (/-form$/.test(target.name) && target.form) {
      const substance = target.form.elements.namedItem(target.name.replace(/-form$/, "-substance"));
      if (substance && substance.dataset && substance.dataset.substanceForms) update(substance);
    }
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("select[data-substance-forms]").forEach((select) => {
      if (select.value) update(select);
    });
  });
})();
