/** `npm run dialog:graph`: writes docs/dialog.md (the dialog's state diagram) from the table of steps. */
import { writeFileSync } from "node:fs";
import { dialogDoc } from "../bot/dialog/graph.js";

writeFileSync("docs/dialog.md", dialogDoc());
console.log("wrote docs/dialog.md");
