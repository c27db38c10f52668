// The page's styles. Every colour is a VS Code theme variable, so the pace-setter looks right in
// light, dark and high-contrast themes. Adopted as a constructed stylesheet (main.ts): the page's
// CSP then needs no 'unsafe-inline' for styles.

export const PACESETTER_CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
  background: var(--vscode-editor-background); margin: 0; padding: 0 16px 32px; }
.cl-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.cl-header { padding: 12px 0 8px; display: flex; flex-wrap: wrap; gap: 4px 24px; align-items: baseline; }
.cl-header h1 { font-size: 1.4em; font-weight: 600; margin: 0; }
.cl-muted { color: var(--vscode-descriptionForeground); }
.cl-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 4px 0 8px; }
.cl-notice, .cl-readonly { border-left: 4px solid var(--vscode-textBlockQuote-border, var(--vscode-focusBorder));
  background: var(--vscode-textBlockQuote-background, transparent); padding: 6px 10px; margin: 8px 0; }
.cl-status:empty, .cl-error:empty { display: none; }
.cl-status { color: var(--vscode-descriptionForeground); margin: 4px 0; }
.cl-error { border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground));
  background: var(--vscode-inputValidation-errorBackground, transparent); padding: 6px 10px; margin: 8px 0; }
.cl-error ul { margin: 4px 0 0; padding-left: 20px; max-height: 14em; overflow: auto; }
vscode-panels { width: 100%; } vscode-panel-view { padding: 8px 0; flex-direction: column; }
.cl-term { margin: 8px 0 24px; }
.cl-term-head { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; margin-bottom: 6px; }
.cl-term-head h2 { font-size: 1.15em; margin: 0; }
.cl-days { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0 8px; }
.cl-day { border: 1px solid var(--vscode-panel-border); border-radius: 2px; padding: 1px 4px 1px 8px; display: inline-flex; gap: 4px; align-items: center; }
.cl-form { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; padding: 8px; margin: 4px 0;
  border: 1px solid var(--vscode-focusBorder); background: var(--vscode-editorWidget-background, var(--vscode-editor-background)); }
.cl-form label { display: flex; flex-direction: column; gap: 2px; }
.cl-form .cl-field-error { color: var(--vscode-errorForeground); flex-basis: 100%; }
table.cl-table { border-collapse: collapse; width: 100%; min-width: 60em; }
.cl-table th, .cl-table td { border: 1px solid var(--vscode-panel-border); padding: 4px 6px; vertical-align: top; text-align: left; }
.cl-table thead th { background: var(--vscode-sideBarSectionHeader-background, var(--vscode-editorGroupHeader-tabsBackground, transparent));
  font-weight: 600; }
.cl-table td[data-key], .cl-table th[data-key] { outline: none; cursor: default; }
.cl-table [data-key]:hover { background: var(--vscode-list-hoverBackground); }
.cl-table [data-key]:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.cl-table td.cl-editing { padding: 2px; }
.cl-table vscode-text-field, .cl-table vscode-text-area { width: 100%; min-width: 8em; }
.cl-week { white-space: nowrap; width: 5em; } .cl-week small { display: block; color: var(--vscode-descriptionForeground); }
.cl-repeat { color: var(--vscode-descriptionForeground); }
.cl-list { margin: 0; padding-left: 16px; }
.cl-cost { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.cl-formal-common, .cl-common-marker { font-weight: 600; color: var(--vscode-textLink-foreground); }
.cl-help { display: block; color: var(--vscode-descriptionForeground); font-size: 0.9em; margin-top: 2px; }
.cl-help.cl-common-marker { color: var(--vscode-textLink-foreground); }
.cl-actions { min-width: 7em; } .cl-actions vscode-button { margin: 0 4px 4px 0; }
.cl-confirm { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
tr.cl-this-week > * { background: var(--vscode-editor-lineHighlightBackground, var(--vscode-list-inactiveSelectionBackground)); }
tr.cl-this-week .cl-week { box-shadow: inset 3px 0 0 var(--vscode-focusBorder); }
tr.cl-common-row > * { border-top: 2px solid var(--vscode-textLink-foreground); border-bottom: 2px solid var(--vscode-textLink-foreground); }
tr.cl-term-row th { background: var(--vscode-sideBarSectionHeader-background, transparent); }
.cl-school-head { min-width: 9em; }
.cl-progress { display: block; font-weight: normal; font-size: 0.9em; margin-top: 2px; }
.cl-behind { background: var(--vscode-inputValidation-warningBackground, transparent) !important;
  border-color: var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground)) !important; }
.cl-behind .cl-progress, .cl-overdue { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
.cl-mine { box-shadow: inset 0 -3px 0 var(--vscode-focusBorder); }
.cl-cell { position: relative; min-width: 8em; }
.cl-st-taught .cl-mark { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.cl-st-partly-taught .cl-mark { color: var(--vscode-editorWarning-foreground); }
.cl-st-skipped .cl-mark, .cl-st-not-started .cl-mark { color: var(--vscode-descriptionForeground); }
.cl-has-note::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 7px 7px 0;
  border-color: transparent var(--vscode-textLink-foreground) transparent transparent; }
.cl-popover { display: none; position: absolute; z-index: 5; left: 0; top: 100%; min-width: 16em; max-width: 28em; padding: 6px 8px;
  background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground);
  border: 1px solid var(--vscode-editorHoverWidget-border); white-space: normal; font-weight: normal; }
.cl-cell:hover > .cl-popover, .cl-cell:focus > .cl-popover { display: block; }
.cl-popover p { margin: 0 0 4px; } .cl-popover b { font-weight: 600; }
`;
