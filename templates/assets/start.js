/* Starts the page's script once map and data are there (no inline script: see the CSP). */
KTS.start();
