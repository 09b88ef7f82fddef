// Enhancements only: GOV.UK Frontend's components (error summary focus, service navigation toggle, and so on).
import { initAll } from "/assets/govuk-frontend.min.js";
initAll();
