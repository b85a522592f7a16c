// The permit verifier, enhanced: the page works without this file.
// - A hand-held scanner types the code and presses Enter: Enter in the field sends the form
//   (Shift+Enter still makes a new line).
// - Where the browser has the BarcodeDetector API and a camera, a button scans the QR code
//   and sends what it read. Nothing leaves the browser but the form itself.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var form = document.querySelector("[data-verify-form]");
    if (!form) return;
    var field = form.querySelector("[data-verify-payload]");

    if (field) {
      field.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          if (field.value.trim()) form.requestSubmit ? form.requestSubmit() : form.submit();
        }
      });
    }

    var box = form.querySelector("[data-verify-scan]");
    if (!box || !field || !("BarcodeDetector" in window)) return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;

    var startButton = box.querySelector("[data-scan-start]");
    var stopButton = box.querySelector("[data-scan-stop]");
    var video = box.querySelector("[data-scan-video]");
    var status = box.querySelector("[data-scan-status]");
    var stream = null;
    var timer = null;
    var detector = null;

    function say(key) {
      status.textContent = box.getAttribute("data-text-" + key) || "";
    }

    function stop() {
      if (timer) window.clearTimeout(timer);
      timer = null;
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.hidden = true;
      stopButton.hidden = true;
      startButton.hidden = false;
    }

    function look() {
      detector.detect(video).then(function (codes) {
        var found = codes.find(function (code) { return code.rawValue; });
        if (found) {
          stop();
          field.value = found.rawValue;
          say("found");
          form.requestSubmit ? form.requestSubmit() : form.submit();
          return;
        }
        timer = window.setTimeout(look, 250);
      }).catch(function () {
        timer = window.setTimeout(look, 500);
      });
    }

    function start() {
      say("starting");
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          startButton.hidden = true;
          stopButton.hidden = false;
          stopButton.focus();
          return video.play();
        })
        .then(function () {
          say("looking");
          look();
        })
        .catch(function () {
          stop();
          say("failed");
        });
    }

    Promise.resolve(
      window.BarcodeDetector.getSupportedFormats ? window.BarcodeDetector.getSupportedFormats() : []
    ).then(function (formats) {
      if (formats.indexOf("qr_code") === -1) return;
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      box.hidden = false;
      startButton.addEventListener("click", start);
      stopButton.addEventListener("click", function () {
        stop();
        startButton.focus();
      });
      window.addEventListener("pagehide", stop);
    }).catch(function () { /* no scanning: paste or type instead */ });
  });
})();
