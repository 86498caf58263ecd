// Progressive enhancement only: every journey works without this file.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
