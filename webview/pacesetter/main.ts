import { registerToolkit } from '../ui/toolkit';
import { App, type VsCodeApi } from './app';
import { PACESETTER_ROOT_ID } from './protocol';

// The pace-setter webview's entry point (built to dist/webview/pacesetter/main.js).

declare function acquireVsCodeApi(): VsCodeApi;

registerToolkit();
const root =
  document.getElementById(PACESETTER_ROOT_ID) ?? document.body.appendChild(document.createElement('div'));
new App(root, acquireVsCodeApi()).start();
