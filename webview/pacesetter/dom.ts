// A few lines of DOM building. Text always goes in as text nodes, never as HTML: every value on
// this page comes from a shared document. No inline `style` attributes either: the page's CSP
// allows no inline styles (styles.ts is adopted as a constructed stylesheet).

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
type Listeners = { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  readonly [attr: string]: AttrValue | Listeners;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props & { on?: Listeners },
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props & { on?: Listeners }, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props & { on?: Listeners } = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'on') {
      for (const [type, listener] of Object.entries(value as Listeners))
        if (listener) el.addEventListener(type, listener as EventListener);
    } else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(
      typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c,
    );
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let counter = 0;
/** Ids for aria-describedby and label links, unique within the page. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** The focused element, looking through the toolkit's shadow roots to the host element we created. */
export function focusedElement(): Element | null {
  return document.activeElement;
}
