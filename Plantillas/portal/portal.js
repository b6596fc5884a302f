// Drag and drop onto the upload box (the file chooser works without this script).
document.querySelectorAll("[data-zona]").forEach(function (zona) {
  var entrada = zona.querySelector("input[type=file]");
  ["dragenter", "dragover"].forEach(function (n) {
    zona.addEventListener(n, function (e) { e.preventDefault(); zona.classList.add("encima"); });
  });
  ["dragleave", "drop"].forEach(function (n) {
    zona.addEventListener(n, function () { zona.classList.remove("encima"); });
  });
  zona.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      entrada.files = e.dataTransfer.files;
    }
  });
});
