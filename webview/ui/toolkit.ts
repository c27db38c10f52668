// The only module that knows which web component library our webviews use. The Webview UI
// Toolkit is archived upstream; moving to @vscode-elements/elements means changing this file.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
  vsCodeDropdown,
  vsCodeOption,
  vsCodePanels,
  vsCodePanelTab,
  vsCodePanelView,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeTextField(),
    vsCodeTextArea(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeDataGrid(),
    vsCodeDataGridRow(),
    vsCodeDataGridCell(),
    vsCodePanels(),
    vsCodePanelTab(),
    vsCodePanelView(),
    vsCodeBadge(),
  );
}

/** Tag names, so pages never spell the library's element names themselves. */
export const TAG = {
  button: 'vscode-button',
  checkbox: 'vscode-checkbox',
  textField: 'vscode-text-field',
  textArea: 'vscode-text-area',
  dropdown: 'vscode-dropdown',
  option: 'vscode-option',
  panels: 'vscode-panels',
  panelTab: 'vscode-panel-tab',
  panelView: 'vscode-panel-view',
  badge: 'vscode-badge',
} as const;

/** What pages read and write on the form components; the library's classes stay behind this file. */
export interface ValueElement extends HTMLElement {
  value: string;
  disabled: boolean;
}

export interface CheckElement extends HTMLElement {
  checked: boolean;
  disabled: boolean;
}

export interface PanelsElement extends HTMLElement {
  activeid: string;
}
