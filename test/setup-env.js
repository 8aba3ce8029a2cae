// Per test file: the suite's temp folder (made by global-setup.js) is TMPDIR, where cdktf's Testing helpers
// and every test's scratch files go, so nothing lands in the project. No test may need credentials or the network.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const dir = process.env.PALETTE_VMO_TEST_TMP || fs.mkdtempSync(path.join(os.tmpdir(), "palette-vmo-jest-"));
process.env.TMPDIR = dir;
// An App without an outdir writes cdktf.out/ in the working directory: keep that in the temp folder too.
process.env.CDKTF_OUTDIR = path.join(dir, "cdktf.out");
process.env.CHECKPOINT_DISABLE = "1";
delete process.env.SPECTROCLOUD_APIKEY;
