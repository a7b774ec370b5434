// The arrest form holds two buttons: "Find" (a person search) comes first, so without this
// the Enter key in any field would run a search instead of recording the arrest. Enter in the
// search box searches (htmx listens for it); Enter in any other field records the arrest, as
// it does in every other form. Without JavaScript Enter runs the search, which keeps all that
// was typed.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.arrest-form");
  if (!form) return;
  const save = form.querySelector("button[data-default-submit]");
  form.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || event.isComposing || !(field instanceof HTMLInputElement)) return;
    if (["button", "submit", "checkbox", "radio", "file"].includes(field.type)) return;
    event.preventDefault();
    if (field.name === "person_q") {
      field.dispatchEvent(new Event("search"));
    } else if (save) {
      form.requestSubmit(save);
    }
  });
});
