#!/usr/bin/env node
// Posts a Markdown file as a note on the current GitLab merge request (the plan summary). Needs GITLAB_API_TOKEN
// (a project access token with api scope, as a masked CI/CD variable); the CI_* variables come from GitLab.
"use strict";
const fs = require("node:fs");

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: post-mr-note.js <markdown file>");
  const { CI_API_V4_URL: api, CI_PROJECT_ID: project, CI_MERGE_REQUEST_IID: mr, GITLAB_API_TOKEN: token } = process.env;
  if (!api || !project || !mr) throw new Error("not in a GitLab merge request pipeline (CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID)");
  if (!token) throw new Error("GITLAB_API_TOKEN is not set; add it as a masked CI/CD variable to post plan summaries");
  const res = await fetch(`${api}/projects/${encodeURIComponent(project)}/merge_requests/${mr}/notes`, {
    method: "POST",
    headers: { "PRIVATE-TOKEN": token, "Content-Type": "application/json" },
    body: JSON.stringify({ body: fs.readFileSync(file, "utf8") }),
  });
  if (!res.ok) throw new Error(`GitLab answered ${res.status} ${res.statusText}`);
  console.error(`posted ${file} on merge request !${mr}`);
}

main().catch((err) => {
  console.error(`post-mr-note: ${err.message}`);
  process.exit(1);
});
