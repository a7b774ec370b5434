// Searchable pickers (core/pickers.py): Tom Select enhances the controls the server marked.
// data-picker="local": a <select> with its options, searched by typing.
// data-picker="remote": a <select> whose options come from data-picker-url?q=... as typed.
// data-picker="references": a text box of references filled from data-picker-url.
// Without this script the controls work as they are. No inline script (CSP).
(function () {
  "use strict";
  if (typeof TomSelect === "undefined") return;

  function remote(url) {
    return function (query, callback) {
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => callback(data.results))
        .catch(() => callback());
    };
  }

  function removable(element) {
    return { remove_button: { title: element.dataset.pickerRemove || "" } };
  }

  function enhance(element) {
    if (element.tomselect || element.closest("template")) return;
    const kind = element.dataset.picker;
    const settings = {
      valueField: "value",
      labelField: "label",
      searchField: ["label"],
      maxOptions: 50,
      allowEmptyOption: true,
      plugins: element.multiple ? removable(element) : [],
    };
    if (kind === "remote" || kind === "references") {
      settings.load = remote(element.dataset.pickerUrl);
      settings.shouldLoad = (query) => query.length >= 1;
      settings.preload = "focus";
    }
    if (kind === "references") {
      settings.delimiter = " ";
      settings.create = false;
      settings.persist = false;
      settings.plugins = removable(element);
    }
    if (kind === "local" || kind === "remote") {
      // Tom Select reads the <select>'s own options; keep their text as the label.
      settings.valueField = "value";
      settings.labelField = "text";
      settings.searchField = ["text"];
      if (kind === "remote") {
        settings.load = (query, callback) =>
          remote(element.dataset.pickerUrl)(query, (results) =>
            callback((results || []).map((r) => ({ value: r.value, text: r.label })))
          );
      }
    }
    // Tom Select's own words are English: say them in the page's language (core/pickers.py).
    const say = (text) => {
      const box = document.createElement("div");
      box.className = "no-results";
      box.textContent = text;
      return box;
    };
    settings.render = {
      no_results: () => say(element.dataset.pickerEmpty || ""),
      loading: () => say(element.dataset.pickerLoading || ""),
    };
    const picker = new TomSelect(element, settings);
    keepName(element, picker);
  }

  // Tom Select points the field's <label> at its own search box; the original control,
  // which the form still sends, keeps the label's text as its name (screen readers, axe).
  function keepName(element, picker) {
    const input = picker.control_input;
    const label = input && input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
    if (!label) return;
    if (!label.id) label.id = element.id + "-label";
    element.setAttribute("aria-labelledby", label.id);
  }

  function enhanceAll(root) {
    root.querySelectorAll("[data-picker]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  // Rows added by "Add another" (formsets.js) and fragments swapped in by htmx.
  new MutationObserver((changes) => {
    changes.forEach((change) =>
      change.addedNodes.forEach((node) => {
        if (node.nodeType === Node.ELEMENT_NODE) enhanceAll(node);
      })
    );
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
