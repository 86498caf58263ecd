// Builds static/: GOV.UK Frontend compiled with our settings, plus its JS and images.
// The output is not committed; `make run` and `make test` build it from node_modules.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "static/govuk";
mkdirSync(out, { recursive: true });
const css = sass.compile("static/src/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/app.css`, css.css);
const dist = "node_modules/govuk-frontend/dist/govuk";
cpSync(`${dist}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
cpSync(`${dist}/assets/images`, `${out}/assets/images`, { recursive: true });
console.log(`built ${out}/app.css (${css.css.length} bytes)`);
