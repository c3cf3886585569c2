#!/usr/bin/env bash
# Renders a Teams golden message with the Adaptive Cards JavaScript renderer in headless Chromium and saves a PNG,
# so the README can show the card as Teams draws it. Needs node/npm and chromium.
#   tools/render-teams-card.sh tests/Integrations.Providers.Tests/MicrosoftTeams/Golden/teams-pipeline_failed.json docs/images/teams-pipeline_failed.png
set -euo pipefail
golden="$(realpath "$1")"
out="$(realpath -m "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund adaptivecards@3.0.6 markdown-it@14 >/dev/null)
node -e '
const fs = require("fs");
const message = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const card = JSON.stringify(message.attachments[0].content);
const js = fs.readFileSync(process.argv[2] + "/node_modules/adaptivecards/dist/adaptivecards.min.js", "utf8");
const md = fs.readFileSync(process.argv[2] + "/node_modules/markdown-it/dist/markdown-it.min.js", "utf8");
const css = fs.readFileSync(process.argv[2] + "/node_modules/adaptivecards/dist/adaptivecards.css", "utf8");
fs.writeFileSync(process.argv[2] + "/card.html", `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body{margin:0;background:#f5f5f5;font-family:"Segoe UI",system-ui,sans-serif}#card{width:560px;margin:16px;background:#fff;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.2)}</style></head>
<body><div id="card"></div><script>${md}</script><script>${js}</script><script>
const markdown = window.markdownit();
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = markdown.render(text); result.didProcess = true; };
const adaptiveCard = new AdaptiveCards.AdaptiveCard();
adaptiveCard.hostConfig = new AdaptiveCards.HostConfig({ fontFamily: "Segoe UI, system-ui, sans-serif",
  containerStyles: { default: { backgroundColor: "#FFFFFF" }, emphasis: { backgroundColor: "#F0F0F0" },
    good: { backgroundColor: "#DFF6DD" }, attention: { backgroundColor: "#FDE7E9" }, warning: { backgroundColor: "#FFF4CE" } } });
adaptiveCard.parse(${card});
document.getElementById("card").appendChild(adaptiveCard.render());
</script></body></html>`);
' "$golden" "$work"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --hide-scrollbars --window-size=600,300 --screenshot="$out" "file://$work/card.html" >/dev/null 2>&1
echo "wrote $out"
