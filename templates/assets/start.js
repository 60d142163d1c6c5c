/* Starts the page's script (no inline script: see the CSP). */
window.KTSLib.start();
