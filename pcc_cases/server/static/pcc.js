// Progressive enhancement of the pages; every page works without it.
// Nieuwe melding: the fingerprint (SHA-256) of an evidence file is computed here, in the
// browser, and only the fingerprint is sent: the file itself never leaves the computer.
"use strict";

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

document.addEventListener("DOMContentLoaded", () => {
  const picker = document.getElementById("evidence_file");
  const fingerprint = document.getElementById("evidence_hash");
  if (!picker || !fingerprint || !window.crypto || !window.crypto.subtle) {
    return; // no secure context (https or this computer): the fingerprint is typed instead
  }
  picker.closest("p").hidden = false;
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    if (!file) {
      return;
    }
    const digest = await window.crypto.subtle.digest("SHA-256", await file.arrayBuffer());
    fingerprint.value = hex(digest);
  });
});
