// The fan's page: browse, queue, hold, charge, pay. Plain modules, no framework, nothing fetched from outside.
import {api, ApiError} from './api.js';
import {countdown, format, loadDictionary, preferredLanguage, translatePage, waitInWords} from './i18n.js';

const BASE = new URL('.', document.baseURI).href;
const server = api(BASE);
const saved = window.localStorage;
const KEY = 'concert.';
const $ = id => document.getElementById(id);

let t = {};                 // the dictionary
let userId;
let token = saved.getItem(KEY + 'token');
let concert = null;         // {id, title, venue}
let date = null;            // 'YYYY-MM-DD'
let view = null;            // the queue status last seen
let hold = null;            // the reservation being held
let stream = null;
let pollTimer = null;
let seatsRefreshedAt = 0;
// An Idempotency-Key lives until the server has answered: a click again after a lost answer (no
// network) is the same charge or payment, taken once, not a second one.
let pendingCharge = null;    // {amount, key}
let pendingPayment = null;   // {reservationId, key}

const answered = error => !(error instanceof ApiError) || error.status !== 0;

/** A UUID also where crypto.randomUUID is missing (pages served over plain HTTP to another host). */
function uuid() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const won = n => format(t, 'won', {n: Number(n).toLocaleString(document.documentElement.lang)});
const show = (id, visible) => { $(id).hidden = !visible; };
const compactWon = n => new Intl.NumberFormat(document.documentElement.lang,
    {notation: 'compact', maximumFractionDigits: 1}).format(n);

function showError(error) {
    const code = error instanceof ApiError ? error.code : 'UNKNOWN';
    const box = $('error');
    box.textContent = (t.errors && t.errors[code]) || error.detail || t.errors.UNKNOWN;
    if (error.detail) {
        const detail = document.createElement('small');
        detail.textContent = error.detail;
        box.appendChild(detail);
    }
    box.dataset.code = code;
    box.hidden = false;
    box.scrollIntoView({block: 'nearest'});
}

function clearError() {
    $('error').hidden = true;
    delete $('error').dataset.code;
}

async function attempt(action) {
    clearError();
    try {
        return await action();
    } catch (error) {
        showError(error);
        if (error instanceof ApiError && error.code === 'TOKEN_INVALID') {
            tokenGone();
        }
        return undefined;
    }
}

// ---- browsing, no token needed

async function loadConcerts() {
    const concerts = await server.get('concerts');
    const list = $('concerts');
    list.replaceChildren(...concerts.map(c => choice(`${c.title} · ${c.venue}`, () => selectConcert(c), `concert-${c.id}`)));
    if (concerts.length > 0) {
        await selectConcert(concerts[0]);
    }
}

function choice(label, onClick, id) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.id = id;
    button.textContent = label;
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', onClick);
    item.appendChild(button);
    return item;
}

function press(listId, pressedId) {
    $(listId).querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', String(b.id === pressedId)));
}

async function selectConcert(c) {
    concert = c;
    press('concerts', `concert-${c.id}`);
    const dates = await server.get(`concerts/${c.id}/dates`);
    $('dates').replaceChildren(...dates.map(d =>
        choice(`${d.date} · ${format(t, 'seatsLeft', {n: d.availableSeats})}`, () => selectDate(d.date), `date-${d.date}`)));
    show('dates-block', true);
    if (dates.length > 0 && (!date || !dates.some(d => d.date === date))) {
        await selectDate(dates[0].date);
    }
}

async function selectDate(d) {
    date = d;
    press('dates', `date-${d}`);
    $('seats-date').textContent = d;
    show('seats-block', true);
    await loadSeats();
}

async function loadSeats() {
    if (!concert || !date) {
        return;
    }
    const map = await server.get(`concerts/${concert.id}/dates/${date}/seats`);
    seatsRefreshedAt = Date.now();
    const active = view && view.status === 'ACTIVE';
    $('seats-hint').hidden = active;
    $('seat-map').replaceChildren(...map.seats.map(seat => {
        const button = document.createElement('button');
        button.type = 'button';
        const number = document.createElement('span');
        number.textContent = seat.number;
        const price = document.createElement('small');
        price.textContent = compactWon(seat.price);
        button.replaceChildren(number, price);
        button.dataset.seat = seat.number;
        button.dataset.status = seat.status;
        const mine = hold && hold.seatNumber === seat.number && hold.date === date && String(hold.concertId) === String(concert.id);
        button.classList.toggle('mine', Boolean(mine));
        button.setAttribute('aria-label', format(t, 'seatLabel',
            {n: seat.number, price: won(seat.price), status: format(t, seat.status.toLowerCase())}));
        button.disabled = !active || seat.status !== 'AVAILABLE' || Boolean(hold);
        button.addEventListener('click', () => holdSeat(seat.number));
        return button;
    }));
}

// ---- the queue

async function join() {
    await attempt(async () => {
        const entered = await server.post('queue/tokens', {userId});
        token = entered.token;
        saved.setItem(KEY + 'token', token);
        follow(entered);
    });
}

async function resume() {
    try {
        follow(await server.get('queue/status', {token}));
    } catch (error) {
        if (error instanceof ApiError && (error.code === 'TOKEN_INVALID' || error.code === 'TOKEN_MISSING')) {
            tokenGone();
        } else {
            showError(error);
            schedulePoll(5);
        }
    }
}

function follow(status) {
    render(status);
    listen();
}

/** Server-Sent Events while they work; polling at the server's pace when they do not. */
function listen() {
    stopListening();
    if (!window.EventSource) {
        schedulePoll(view ? view.pollAfterSeconds : 2);
        return;
    }
    stream = new EventSource(`${BASE}api/queue/events?token=${encodeURIComponent(token)}`);
    stream.addEventListener('status', event => render(JSON.parse(event.data)));
    stream.addEventListener('open', () => { $('connection').textContent = format(t, 'live'); });
    stream.addEventListener('error', () => {
        stream.close();
        stream = null;
        schedulePoll(view ? view.pollAfterSeconds : 2);
    });
}

function stopListening() {
    if (stream) {
        stream.close();
        stream = null;
    }
    clearTimeout(pollTimer);
}

function schedulePoll(seconds) {
    clearTimeout(pollTimer);
    $('connection').textContent = format(t, 'polling', {n: seconds});
    pollTimer = setTimeout(poll, seconds * 1000);
}

async function poll() {
    if (!token) {
        return;
    }
    try {
        const status = await server.get('queue/status', {token});
        render(status);
        schedulePoll(status.pollAfterSeconds);
    } catch (error) {
        if (error instanceof ApiError && error.code === 'TOKEN_INVALID') {
            tokenGone();
            return;
        }
        schedulePoll(5);
    }
}

function render(status) {
    const wasActive = view && view.status === 'ACTIVE';
    view = status;
    $('queue-status').dataset.status = status.status;
    show('queue-intro', false);
    const waiting = status.status === 'WAITING';
    show('waiting', waiting);
    show('active', !waiting);
    if (waiting) {
        $('position').textContent = status.position.toLocaleString();
        const paused = status.estimatedWaitSeconds === null;
        show('paused-note', paused);
        $('eta').textContent = paused ? '' : waitInWords(t, status.estimatedWaitSeconds);
        const firstKey = `${KEY}first-position.${token}`;
        const first = Number(saved.getItem(firstKey)) || status.position;
        saved.setItem(firstKey, String(Math.max(first, status.position)));
        $('progress').value = Math.round(100 * (Math.max(first, status.position) - status.position + 1) / (Math.max(first, status.position) + 1));
    }
    show('booking', !waiting);
    if (!waiting && !wasActive) {
        refreshBalance();
        loadTickets();
        loadSeats();
    }
}

function tokenGone() {
    stopListening();
    token = null;
    view = null;
    hold = null;
    saved.removeItem(KEY + 'token');
    $('queue-status').dataset.status = 'NONE';
    show('queue-intro', true);
    show('waiting', false);
    show('active', false);
    show('booking', false);
    show('hold-panel', false);
    loadSeats();
}

// ---- holding, charging, paying

async function holdSeat(number) {
    await attempt(async () => {
        hold = await server.post('reservations', {concertId: String(concert.id), date, seatNumber: number}, {token});
        $('hold-seat').textContent = `${hold.date} · ${format(t, 'seatNo', {n: hold.seatNumber})}`;
        $('hold-price').textContent = won(hold.price);
        show('hold-panel', true);
        show('confirmation', false);
        tick();
    });
    await loadSeats();
}

async function release() {
    if (!hold) {
        return;
    }
    await attempt(() => server.del(`reservations/${hold.reservationId}`, {token}));
    hold = null;
    show('hold-panel', false);
    await loadSeats();
}

async function refreshBalance() {
    const balance = await attempt(() => server.get(`users/${userId}/balance`, {token}));
    if (balance) {
        $('balance').textContent = won(balance.balance);
    }
}

async function charge() {
    const amount = Number($('charge-amount').value);
    if (!pendingCharge || pendingCharge.amount !== amount) {
        pendingCharge = {amount, key: uuid()};
    }
    const key = pendingCharge.key;
    clearError();
    try {
        const answer = await server.post(`users/${userId}/balance/charges`, {amount}, {token, headers: {'Idempotency-Key': key}});
        pendingCharge = null;
        $('balance').textContent = won(answer.balance);
    } catch (error) {
        if (answered(error)) {
            pendingCharge = null;
        }
        showError(error);
        if (error instanceof ApiError && error.code === 'TOKEN_INVALID') {
            tokenGone();
        }
    }
}

async function pay() {
    if (!hold) {
        return;
    }
    const paying = hold;
    if (!pendingPayment || pendingPayment.reservationId !== paying.reservationId) {
        pendingPayment = {reservationId: paying.reservationId, key: uuid()};
    }
    try {
        clearError();
        const payment = await server.post('payments', {reservationId: paying.reservationId},
            {token, headers: {'Idempotency-Key': pendingPayment.key}});
        pendingPayment = null;
        remember({payment, date: paying.date, seat: paying.seatNumber});
        $('confirmation-text').textContent = format(t, 'confirmationText', {date: paying.date, seat: paying.seatNumber});
        $('payment-id').textContent = payment.paymentId;
        show('confirmation', true);
        hold = null;
        show('hold-panel', false);
        tokenGone();             // a payment spends the queue token
        show('booking', false);
    } catch (error) {
        if (answered(error)) {
            pendingPayment = null;
        }
        showError(error);
        if (error instanceof ApiError && ['INSUFFICIENT_BALANCE', 'HOLD_EXPIRED', 'ALREADY_PAID'].includes(error.code)) {
            hold = null;
            show('hold-panel', false);
            refreshBalance();
        }
        if (error instanceof ApiError && error.code === 'TOKEN_INVALID') {
            tokenGone();
        }
        await loadSeats();
    }
}

// ---- my tickets: what this browser paid, completed from the history while a token is live

function remember(ticket) {
    const tickets = JSON.parse(saved.getItem(KEY + 'tickets') || '[]');
    if (!tickets.some(known => known.payment.paymentId === ticket.payment.paymentId)) {
        tickets.unshift(ticket);
    }
    saved.setItem(KEY + 'tickets', JSON.stringify(tickets));
    renderTickets();
}

async function loadTickets() {
    if (token) {
        const history = await attempt(() => server.get(`users/${userId}/payments`, {token}));
        const known = JSON.parse(saved.getItem(KEY + 'tickets') || '[]').map(k => k.payment.paymentId);
        for (const payment of history || []) {
            if (!known.includes(payment.paymentId)) {
                const reservation = await attempt(() => server.get(`reservations/${payment.reservationId}`, {token}));
                if (reservation) {
                    remember({payment, date: reservation.date, seat: reservation.seatNumber});
                }
            }
        }
    }
    renderTickets();
}

function renderTickets() {
    const tickets = JSON.parse(saved.getItem(KEY + 'tickets') || '[]');
    $('tickets').replaceChildren(...tickets.map(ticket => {
        const item = document.createElement('li');
        item.textContent = format(t, 'ticketLine', {date: ticket.date, seat: ticket.seat,
            amount: won(ticket.payment.amount), id: ticket.payment.paymentId});
        return item;
    }));
    show('tickets-empty', tickets.length === 0);
}

// ---- the clock: countdowns each second, the seat map every 5 s while booking

function tick() {
    if (view && view.status === 'ACTIVE' && view.activeUntil) {
        $('active-left').textContent = countdown(view.activeUntil);
    }
    if (hold) {
        $('hold-countdown').textContent = countdown(hold.heldUntil);
        if (new Date(hold.heldUntil).getTime() <= Date.now()) {
            showError(new ApiError(409, 'HOLD_EXPIRED'));
            hold = null;
            show('hold-panel', false);
            loadSeats();
        }
    }
    if (view && view.status === 'ACTIVE' && Date.now() - seatsRefreshedAt > 5000) {
        loadSeats();
    }
}

async function start() {
    const language = preferredLanguage();
    t = await loadDictionary(BASE, language);
    translatePage(t, language);
    document.title = format(t, 'title');
    userId = saved.getItem(KEY + 'userId') || uuid();
    saved.setItem(KEY + 'userId', userId);
    document.body.dataset.user = userId;
    $('join').addEventListener('click', join);
    $('charge-button').addEventListener('click', charge);
    $('pay-button').addEventListener('click', pay);
    $('release-button').addEventListener('click', release);
    renderTickets();
    await attempt(loadConcerts);
    if (token) {
        await resume();
    }
    setInterval(tick, 1000);
    document.body.dataset.ready = 'true';
}

start();
