// Reads exhibit labels' QR codes with the device's camera (no inline script: CSP).
//
// The page's [data-scanner] section configures it: "open" sends what was read to the scan
// page (?code=...), which finds the exhibit on the server; "collect" adds each exhibit
// number to the list field named by data-target. The browser's own BarcodeDetector is used
// where it reads QR codes; elsewhere the vendored barcode-detector ponyfill, whose
// WebAssembly reader is loaded from our static files (data-wasm-url), never from a CDN.
// Without a camera, or without JavaScript, the section stays hidden and typing works.
(function () {
  "use strict";
  const root = document.querySelector("[data-scanner]");
  if (!root || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  const video = root.querySelector("video");
  const status = root.querySelector("[data-scan-status]");
  const startButton = root.querySelector("[data-scan-start]");
  const stopButton = root.querySelector("[data-scan-stop]");
  const finder = root.querySelector(".viewfinder");
  const target = root.dataset.target ? document.querySelector(root.dataset.target) : null;
  const PAYLOAD_MARK = "/evidence/x/";
  let stream = null;
  let timer = null;
  let lastValue = "";
  let lastAt = 0;

  const say = (text) => { status.textContent = text; };

  async function makeDetector() {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) return new window.BarcodeDetector({ formats: ["qr_code"] });
      } catch (error) { /* fall back to the ponyfill */ }
    }
    const api = window.BarcodeDetectionAPI;
    if (!api) return null;
    const wasmUrl = new URL(root.dataset.wasmUrl, window.location.href).href;
    await api.prepareZXingModule({
      overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
      fireImmediately: true,
    });
    return new api.BarcodeDetector({ formats: ["qr_code"] });
  }

  // The exhibit number in a payload link, else the text as read.
  function exhibitNumber(value) {
    const at = value.indexOf(PAYLOAD_MARK);
    if (at < 0) return value.trim().toUpperCase();
    const rest = value.slice(at + PAYLOAD_MARK.length).split(/[/?#]/)[0];
    try { return decodeURIComponent(rest).toUpperCase(); } catch (error) { return rest.toUpperCase(); }
  }

  function stop() {
    if (timer) window.clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    finder.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  function found(value) {
    const now = Date.now();
    if (value === lastValue && now - lastAt < 2500) return false;
    lastValue = value;
    lastAt = now;
    if (root.dataset.scanner === "open") {
      say(`${root.dataset.msgFound} ${exhibitNumber(value)}`);
      stop();
      window.location.assign(root.dataset.openUrl + encodeURIComponent(value));
      return true;
    }
    const number = exhibitNumber(value);
    const lines = target.value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    if (lines.map(exhibitNumber).includes(number)) {
      say(`${root.dataset.msgAgain} ${number}`);
    } else {
      lines.push(number);
      target.value = `${lines.join("\n")}\n`;
      say(`${root.dataset.msgAdded} ${number} (${lines.length})`);
      target.dispatchEvent(new Event("change", { bubbles: true }));
    }
    return false;
  }

  async function start() {
    startButton.hidden = true;
    say(root.dataset.msgStarting);
    let detector;
    try {
      detector = await makeDetector();
    } catch (error) {
      detector = null;
    }
    if (!detector) {
      say(root.dataset.msgNoReader);
      startButton.hidden = false;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      });
    } catch (error) {
      say(root.dataset.msgDenied);
      startButton.hidden = false;
      return;
    }
    video.srcObject = stream;
    finder.hidden = false;
    stopButton.hidden = false;
    await video.play().catch(() => {});
    say(root.dataset.msgAim);
    const tick = async () => {
      if (!stream) return;
      try {
        if (video.readyState >= 2) {
          const codes = await detector.detect(video);
          const code = codes.find((c) => c.rawValue);
          if (code && found(code.rawValue)) return;
        }
      } catch (error) { /* a frame that could not be read: try the next */ }
      if (stream) timer = window.setTimeout(tick, 200);
    };
    tick();
  }

  root.hidden = false;
  finder.hidden = true;
  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
  window.addEventListener("pagehide", stop);
})();
