// The operators' dashboard: the contract's admin API, polled every 2 s; the key lives in this tab only.
import {api, ApiError} from '../js/api.js';

const BASE = new URL('..', document.baseURI).href;
const server = api(BASE);
const $ = id => document.getElementById(id);
const KEY = 'concert.admin-key';
let plot = null;
let timer = null;

const key = () => window.sessionStorage.getItem(KEY);
const auth = () => ({headers: {Authorization: `Bearer ${key()}`}});

function showError(error) {
    const box = $('error');
    box.textContent = error instanceof ApiError
        ? (error.code === 'TOKEN_MISSING' || error.code === 'TOKEN_INVALID' || error.status === 404
            ? 'The admin key was refused (or the admin API is off on this server).'
            : error.detail || error.code)
        : String(error.message || error);
    box.hidden = false;
}

function seconds(value) {
    if (value === null || value === undefined) {
        return 'paused';
    }
    return value < 60 ? `${value} s` : `${Math.floor(value / 60)} min ${value % 60} s`;
}

function showFigures(f) {
    $('waiting').textContent = f.waiting.toLocaleString();
    $('active').textContent = `${f.active.toLocaleString()} / ${f.activeMax.toLocaleString()}`;
    $('admitted').textContent = f.admittedLastMinute.toLocaleString();
    $('drain').textContent = seconds(f.estimatedDrainSeconds);
    $('holds').textContent = f.holdsLive.toLocaleString();
    $('sold').textContent = f.soldLastMinute.toLocaleString();
    $('admission-state').dataset.paused = String(f.paused);
    $('admission-state').textContent = f.paused ? 'Admission is paused' : `Admitting up to ${f.admitPerSecond} a second`;
    if (document.activeElement !== $('admit-per-second')) {
        $('admit-per-second').value = f.admitPerSecond;
    }
    if (document.activeElement !== $('active-max')) {
        $('active-max').value = f.activeMax;
    }
    $('updated').textContent = `· ${new Date().toLocaleTimeString()}`;
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
        plot = new window.uPlot({
            width: Math.min(900, $('chart').clientWidth || 600), height: 300,
            series: [{}, {label: 'Waiting', stroke: '#5b3cc4', width: 2},
                {label: 'Admitted / s', stroke: '#1e8e3e', width: 2, scale: 'rate'}],
            axes: [{}, {label: 'waiting'}, {side: 1, scale: 'rate', label: 'per second', grid: {show: false}}],
            scales: {x: {time: true}},
        }, samples, $('chart'));
    } else if (plot) {
        plot.setData(samples);
    }
}

function showSales(rows) {
    $('sales').replaceChildren(...rows.map(row => line([row.title, row.date, row.sold, row.held,
        Number(row.revenue).toLocaleString()])));
}

function showInstances(rows) {
    $('instances').replaceChildren(...rows.map(row => {
        const tr = line([row.instance, row.database, row.queueStore, new Date(row.seenAt).toLocaleTimeString(),
            new Date(row.startedAt).toLocaleString()]);
        tr.children[1].classList.toggle('down', row.database !== 'UP');
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
        $('error').hidden = true;
        ['login'].forEach(id => { $(id).hidden = true; });
        ['figures-block', 'chart-block', 'sales-block', 'instances-block'].forEach(id => { $(id).hidden = false; });
        showFigures(figures);
        chart(history);
        showSales(sales);
        showInstances(instances);
    } catch (error) {
        showError(error);
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
            window.sessionStorage.removeItem(KEY);
            $('login').hidden = false;
            clearInterval(timer);
            timer = null;
        }
    }
}

async function steer(change) {
    try {
        showFigures(await server.put('admin/queue/settings', change, auth()));
        $('error').hidden = true;
    } catch (error) {
        showError(error);
    }
}

function open() {
    refresh();
    clearInterval(timer);
    timer = setInterval(refresh, 2000);
}

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
if (key()) {
    open();
}
document.body.dataset.ready = 'true';
