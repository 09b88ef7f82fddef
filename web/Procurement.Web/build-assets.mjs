// Builds the portal's static files into wwwroot/assets (run by the project's build; see Procurement.Web.csproj):
// the Sass in Styles/ compiled against GOV.UK Frontend, GOV.UK Frontend's script, and the portal's own scripts.
// Only what the portal uses is copied: no GOV.UK fonts (Transport) and no crown or GOV.UK images.
import { compile } from "sass";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, "wwwroot", "assets");
mkdirSync(out, { recursive: true });

const css = compile(join(root, "Styles", "portal.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "portal.css"), css.css);

const frontend = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(frontend, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
for (const script of readdirSync(join(root, "Scripts"))) copyFileSync(join(root, "Scripts", script), join(out, script));
console.log(`portal assets: ${out}`);
