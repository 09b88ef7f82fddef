// Runs first in <body>: tells GOV.UK Frontend's styles that script is on (the pages work without it).
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) document.body.classList.add("govuk-frontend-supported");
