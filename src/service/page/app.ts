import type { ApplyEvent, BoardState, DashboardDocument, LoopInfo } from '../dashboard-model.js';
import { age, h, short } from './dom.js';
import { layerGraph } from './graph.js';
import { layerCard, loopBar, timeline, warningsBlock } from './render.js';

/**
 * The live status page: one EventSource on /api/v1/events; each `cycle` event carries the whole
 * page document, `loop` and `apply` events patch it. No reload, no other request.
 */
let current: DashboardDocument | undefined;
/** A layer's state before watch started applying it, shown again when the apply ends (until the next cycle says more). */
const before = new Map<string, BoardState>();
let firstRender = true;

const byId = (id: string) => document.getElementById(id)!;

function render(): void {
  if (!current) return;
  const doc = current;
  byId('repo').textContent = doc.repo ? `${doc.repo.root.split('/').pop()} @ ${short(doc.repo.head)}` : '';
  renderLoop(doc.loop);
  const app = byId('app');
  if (doc.layers.length === 0) {
    app.replaceChildren(h('p', { class: 'empty' }, doc.loop.lastError ? 'No cycle has finished yet: see the error above.' : 'Waiting for the first cycle…'));
    return markRendered();
  }
  const vertical = window.innerWidth < 640;
  const cards = new Map(doc.layers.map((layer) => [layer.name, layerCard(layer)]));
  const select = (name: string) => cards.get(name)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  app.replaceChildren(
    h('section', { class: 'block' }, h('h2', null, 'Layers'), h('div', { class: 'graph-box' }, layerGraph(doc.layers, vertical, select)), legend()),
    h('section', { class: 'block cards' }, ...cards.values()),
    warningsBlock(doc) ?? '',
    h('section', { class: 'block' }, h('h2', null, 'Applies'), timeline(doc.timeline)),
  );
  markRendered();
}

function legend(): Node {
  const states: BoardState[] = ['in-sync', 'drifted', 'unapplied', 'unknown', 'error', 'applying'];
  return h('ul', { class: 'legend' }, ...states.map((state) => h('li', null, h('span', { class: `swatch state-${state}` }), state)));
}

function renderLoop(loop: LoopInfo): void {
  byId('loop').replaceChildren(...loopBar(loop));
}

function markRendered(): void {
  if (!firstRender) return;
  firstRender = false;
  performance.mark('blumeops-first-render');
  document.documentElement.dataset.rendered = 'true';
}

function applyNews(news: ApplyEvent): void {
  if (!current) return;
  const layer = current.layers.find((candidate) => candidate.name === news.layer);
  const loop = current.loop;
  if (news.phase === 'started') {
    if (layer && layer.state !== 'applying') before.set(layer.name, layer.state);
    if (layer) layer.state = 'applying';
    loop.applying = [...new Set([...loop.applying, news.layer])];
  } else {
    if (layer) layer.state = before.get(layer.name) ?? layer.state;
    before.delete(news.layer);
    loop.applying = loop.applying.filter((name) => name !== news.layer);
  }
  render();
}

function connect(): void {
  const connection = byId('connection');
  const source = new EventSource('/api/v1/events');
  source.addEventListener('open', () => {
    connection.textContent = 'live';
    connection.className = 'connection live';
  });
  source.addEventListener('error', () => {
    connection.textContent = 'reconnecting…';
    connection.className = 'connection lost';
  });
  source.addEventListener('cycle', (event) => {
    current = JSON.parse((event as MessageEvent<string>).data) as DashboardDocument;
    before.clear();
    render();
  });
  source.addEventListener('loop', (event) => {
    if (!current) return;
    current.loop = JSON.parse((event as MessageEvent<string>).data) as LoopInfo;
    renderLoop(current.loop);
  });
  source.addEventListener('apply', (event) => applyNews(JSON.parse((event as MessageEvent<string>).data) as ApplyEvent));
}

/** Ages ("12s ago", "in 48s") move on between events. */
function tick(): void {
  const now = Date.now();
  for (const element of document.querySelectorAll<HTMLElement>('[data-time]')) element.textContent = age(element.dataset.time, now);
}

let wide = window.innerWidth >= 640;
window.addEventListener('resize', () => {
  if (wide !== window.innerWidth >= 640) (wide = !wide), render();
});
setInterval(tick, 1000);
connect();
