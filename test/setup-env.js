// cdktf's Testing helpers create output folders in os.tmpdir() and never remove them: keep them in the
// project's .tmp/ (git-ignored), not the machine's /tmp. No test may need credentials or the network.
const fs = require("node:fs");
const path = require("node:path");
const dir = path.join(__dirname, "..", ".tmp", "jest");
fs.mkdirSync(dir, { recursive: true });
process.env.TMPDIR = dir;
process.env.CHECKPOINT_DISABLE = "1";
delete process.env.SPECTROCLOUD_APIKEY;
