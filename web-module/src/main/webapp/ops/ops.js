// The operators' dashboard: the contract's admin API, polled every 2 s; the key lives in this tab only.
// Korean or English as the browser prefers (ops/i18n/*.json): every text, number and time on the page.
import {api, ApiError} from '../js/api.js';
import {format, loadDictionary, preferredLanguage, translatePage} from '../js/i18n.js';

const BASE = new URL('..', document.baseURI).href;
const HERE = new URL('.', document.baseURI).href;
const server = api(BASE);
const $ = id => document.getElementById(id);
const KEY = 'concert.admin-key';
const PANELS = ['admin-off', 'login', 'figures-block', 'chart-block', 'sales-block', 'instances-block'];
let t = {};
let numbers = null;
let plot = null;
let timer = null;

const key = () => window.sessionStorage.getItem(KEY);
const auth = () => ({headers: {Authorization: `Bearer ${key()}`}});
const number = n => numbers.format(n);
const time = (value, style) => new Intl.DateTimeFormat(t.locale, style).format(new Date(value));
const clock = value => time(value, {timeStyle: 'medium'});

/** A dictionary text into an element, its `quoted` parts as <code>: the one markup the dictionaries use. */
function fill(element, text) {
    element.replaceChildren(...text.split('`').map((part, index) => {
        if (index % 2 === 0) {
            return document.createTextNode(part);
        }
        const code = document.createElement('code');
        code.textContent = part;
        return code;
    }));
}

/** Shows one state of the page: 'off' (no admin API here), 'login' or 'dashboard'. */
function show(state) {
    const visible = {off: ['admin-off'], login: ['login'],
        dashboard: ['figures-block', 'chart-block', 'sales-block', 'instances-block']}[state];
    PANELS.forEach(id => { $(id).hidden = !visible.includes(id); });
    document.body.dataset.state = state;
}

/** The error in the page's language, from the problem's code; the server's English detail is never shown. */
function showError(error) {
    const code = error instanceof ApiError && t.errors[error.code] ? error.code : 'UNKNOWN';
    const box = $('error');
    box.textContent = t.errors[code];
    box.dataset.code = error instanceof ApiError ? error.code : 'UNKNOWN';
    box.hidden = false;
}

function clearError() {
    $('error').hidden = true;
    delete $('error').dataset.code;
}

function stop() {
    clearInterval(timer);
    timer = null;
}

/** A failed admin call: 404 means this server has no admin API (any more), 401 that the key was refused. */
function failed(error) {
    if (error instanceof ApiError && error.status === 404) {
        stop();
        window.sessionStorage.removeItem(KEY);
        clearError();
        show('off');
        return;
    }
    showError(error);
    if (error instanceof ApiError && error.status === 401) {
        stop();
        window.sessionStorage.removeItem(KEY);
        show('login');
    }
}

function drainTime(seconds) {
    if (seconds === null || seconds === undefined) {
        return format(t, 'drainPaused');
    }
    return seconds < 60 ? format(t, 'drainSeconds', {s: number(seconds)})
        : format(t, 'drainMinutes', {m: number(Math.floor(seconds / 60)), s: seconds % 60});
}

function showFigures(f) {
    $('waiting').textContent = number(f.waiting);
    $('active').textContent = format(t, 'activeOfMax', {active: number(f.active), max: number(f.activeMax)});
    $('admitted').textContent = number(f.admittedLastMinute);
    $('drain').textContent = drainTime(f.estimatedDrainSeconds);
    $('holds').textContent = number(f.holdsLive);
    $('sold').textContent = number(f.soldLastMinute);
    $('admission-state').dataset.paused = String(f.paused);
    $('admission-state').textContent = f.paused ? format(t, 'paused') : format(t, 'admitting', {n: number(f.admitPerSecond)});
    if (document.activeElement !== $('admit-per-second')) {
        $('admit-per-second').value = f.admitPerSecond;
    }
    if (document.activeElement !== $('active-max')) {
        $('active-max').value = f.activeMax;
    }
    $('updated').textContent = format(t, 'updated', {time: clock(Date.now())});
}

function chartWidth() {
    return Math.min(900, $('chart').clientWidth || 600);
}

/** The chart: the server's shared history (a sample every 5 s, 10 minutes), so it is full the moment it opens. */
function chart(history) {
    const samples = [[], [], []];   // time (s), waiting, admissions per second
    history.forEach(sample => {
        samples[0].push(new Date(sample.at).getTime() / 1000);
        samples[1].push(sample.waiting);
        samples[2].push(Math.round(sample.admittedLastMinute / 60 * 10) / 10);
    });
    if (!plot && window.uPlot) {
        const value = (u, v) => (v === null || v === undefined ? '–' : number(v));
        const minutes = {hour: '2-digit', minute: '2-digit'};
        plot = new window.uPlot({
            width: chartWidth(), height: 300,
            series: [{label: format(t, 'chartTime'), value: (u, v) => (v === null || v === undefined ? '–' : clock(v * 1000))},
                {label: format(t, 'chartWaiting'), stroke: '#5b3cc4', width: 2, value},
                {label: format(t, 'chartAdmitted'), stroke: '#1e8e3e', width: 2, scale: 'rate', value}],
            axes: [{values: (u, splits) => splits.map(s => time(s * 1000, minutes))},
                {label: format(t, 'chartWaitingAxis'), values: (u, splits) => splits.map(number)},
                {side: 1, scale: 'rate', label: format(t, 'chartRateAxis'), grid: {show: false},
                    values: (u, splits) => splits.map(number)}],
            scales: {x: {time: true}},
        }, samples, $('chart'));
    } else if (plot) {
        plot.setData(samples);
    }
}

function showSales(rows) {
    const day = {dateStyle: 'medium', timeZone: 'UTC'};
    $('sales').replaceChildren(...rows.map(row => line([row.title, time(`${row.date}T00:00:00Z`, day), number(row.sold),
        number(row.held), format(t, 'won', {n: number(row.revenue)})])));
}

function showInstances(rows) {
    const health = state => t.health[state] || state;
    $('instances').replaceChildren(...rows.map(row => {
        const tr = line([row.instance, health(row.database), health(row.queueStore), clock(row.seenAt),
            time(row.startedAt, {dateStyle: 'short', timeStyle: 'medium'}),
            format(t, 'idleSeconds', {waiting: number(row.waitingIdleSeconds), active: number(row.activeIdleSeconds)})]);
        tr.children[1].classList.toggle('down', row.database !== 'UP');
        tr.children[2].classList.toggle('down', row.queueStore !== 'UP');
        return tr;
    }));
}

function line(cells) {
    const tr = document.createElement('tr');
    cells.forEach(value => {
        const td = document.createElement('td');
        td.textContent = value;
        tr.appendChild(td);
    });
    return tr;
}

async function refresh() {
    try {
        const [figures, history, sales, instances] = await Promise.all([
            server.get('admin/queue', auth()), server.get('admin/queue/history', auth()),
            server.get('admin/sales', auth()), server.get('admin/instances', auth())]);
        clearError();
        show('dashboard');
        showFigures(figures);
        chart(history);
        showSales(sales);
        showInstances(instances);
    } catch (error) {
        failed(error);
    }
}

async function steer(change) {
    try {
        showFigures(await server.put('admin/queue/settings', change, auth()));
        clearError();
    } catch (error) {
        failed(error);
    }
}

function open() {
    refresh();
    stop();
    timer = setInterval(refresh, 2000);
}

/**
 * Without a key, the admin API answers 401 where it is on and 404 where the server has no key
 * (AdminKeyFilter): the page asks once, so that it can say so instead of asking for a key no one has.
 */
async function probe() {
    try {
        await server.get('admin/queue');
        show('login');   // not expected: the API answers no call without a key
    } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
            show('off');
            return;
        }
        show('login');
        if (!(error instanceof ApiError && error.status === 401)) {
            showError(error);   // the server cannot be reached, or cannot answer now: say so above the form
        }
    }
}

async function start() {
    const language = preferredLanguage();
    t = await loadDictionary(HERE, language);
    translatePage(t, language);
    document.querySelectorAll('[data-i18n-code]').forEach(element => fill(element, format(t, element.dataset.i18nCode)));
    document.title = format(t, 'title');
    $('chart').setAttribute('aria-label', format(t, 'chartLabel'));
    numbers = new Intl.NumberFormat(t.locale);

    $('login-form').addEventListener('submit', event => {
        event.preventDefault();
        window.sessionStorage.setItem(KEY, $('admin-key').value.trim());
        $('admin-key').value = '';
        open();
    });
    $('pause').addEventListener('click', () => steer({paused: true}));
    $('resume').addEventListener('click', () => steer({paused: false}));
    $('apply').addEventListener('click', () => steer({
        admitPerSecond: Number($('admit-per-second').value), activeMax: Number($('active-max').value)}));
    window.addEventListener('resize', () => plot && plot.setSize({width: chartWidth(), height: 300}));

    if (key()) {
        open();
    } else {
        await probe();
    }
    document.body.dataset.ready = 'true';
}

start();
