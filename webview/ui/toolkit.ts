// The only module that knows which web component library our webviews use. The Webview UI
// Toolkit is archived upstream; moving to @vscode-elements/elements means changing this file.
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow, vsCodeDropdown, vsCodeOption, vsCodeTextField } from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeTextField(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeDataGrid(),
    vsCodeDataGridRow(),
    vsCodeDataGridCell(),
  );
}

/** Tag names, so pages never spell the library's element names themselves. */
export const TAG = {
  button: 'vscode-button',
  checkbox: 'vscode-checkbox',
  textField: 'vscode-text-field',
  dropdown: 'vscode-dropdown',
  option: 'vscode-option',
} as const;
