// The fan's page: browse, queue, hold, charge, pay. Plain modules, no framework, nothing fetched from outside.
// What the page shows comes from the server (the queue status, the fan's live holds, the seat map); the
// browser keeps only the fan's id, the queue token, the tickets it bought and the last queue status seen.
import {api, ApiError} from './api.js';
import {countdown, format, loadDictionary, preferredLanguage, showDate, translatePage, waitInWords} from './i18n.js';
import {drawSeatMap, seatState} from './seatmap.js';
import {keepTickets, seatWords, storedTickets, ticketElement, ticketOf} from './tickets.js';

const BASE = new URL('.', document.baseURI).href;
const server = api(BASE);
const saved = window.localStorage;
const KEY = 'concert.';
const REFRESH_MS = 5000;
const $ = id => document.getElementById(id);

let t = {};                 // the dictionary
let language = 'ko';
let userId;
let token = saved.getItem(KEY + 'token');
let concert = null;         // {id, title, venue}
let date = null;            // 'YYYY-MM-DD'
let dates = [];             // the concert's bookable dates as last read
let seatMap = null;         // the seat map as last read
let view = null;            // the queue status last seen
let stream = null;
let pollTimer = null;
let refreshedAt = 0;
let checkingWindow = false;
/** The fan's live holds by reservation id, as the server lists them (or as a hold answered). */
const holds = new Map();
/** Holds that ended without a ticket (lapsed, declined): shown with what to do until the fan dismisses them. */
const ended = new Map();
// An Idempotency-Key lives until the server has surely answered: a retry after a lost answer (no network,
// a proxy's 5xx) is the same charge or payment, taken once, not a second one.
let pendingCharge = null;               // {amount, key}
const pendingPayments = new Map();      // reservationId -> key

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

const won = n => format(t, 'won', {n: Number(n).toLocaleString(language)});
const show = (id, visible) => { $(id).hidden = !visible; };
const isActive = () => Boolean(token && view && view.status === 'ACTIVE');
const codeOf = error => (error instanceof ApiError ? error.code : 'UNKNOWN');

// ---- messages next to their cause, and what is announced

/** Tells screen readers, politely, of a change that matters to the fan (documents/fan-page.md lists them). */
function announce(text) {
    const announcer = $('announcer');
    announcer.textContent = '';
    setTimeout(() => { announcer.textContent = text; }, 50);
}

/** The words for a refusal, by its code and where it happened; never the server's own English detail. */
function wordsFor(context, code) {
    const specific = t.errorsIn && t.errorsIn[context] && t.errorsIn[context][code];
    return specific || (t.errors && t.errors[code]) || t.errors.UNKNOWN;
}

function showMessage(element, context, code) {
    element.textContent = wordsFor(context, code);
    element.dataset.code = code;
    element.hidden = false;
    announce(element.textContent);
}

function clearMessage(element) {
    element.hidden = true;
    element.textContent = '';
    delete element.dataset.code;
}

const message = context => $(`${context}-message`);

// ---- browsing, no token needed

async function loadConcerts() {
    const concerts = await server.get('concerts');
    $('concerts').replaceChildren(...concerts.map(c => choice(`${c.title} · ${c.venue}`, () => selectConcert(c), `concert-${c.id}`)));
    // the concert and date the fan last looked at, in any tab: a reload or a second tab opens where they were
    const last = JSON.parse(saved.getItem(KEY + 'looking-at') || '{}');
    date = last.date || null;
    const chosen = concerts.find(c => String(c.id) === String(last.concertId)) || concerts[0];
    if (chosen) {
        await selectConcert(chosen);
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
    await loadDates();
    show('dates-block', true);
    if (dates.length > 0) {
        await selectDate(dates.some(d => d.date === date) ? date : dates[0].date);
    }
}

const dateLabel = d => `${showDate(language, d.date, d.startsAt)} · ${format(t, 'seatsLeft', {n: d.availableSeats})}`;

/** The dates with their seats left; buttons already drawn keep their place (and focus), only their text changes. */
async function loadDates() {
    dates = await server.get(`concerts/${concert.id}/dates`);
    const list = $('dates');
    const drawn = [...list.querySelectorAll('button')].map(b => b.id);
    const wanted = dates.map(d => `date-${d.date}`);
    if (drawn.join() !== wanted.join()) {
        const focused = document.activeElement && document.activeElement.id;
        list.replaceChildren(...dates.map(d => choice(dateLabel(d), () => selectDate(d.date), `date-${d.date}`)));
        if (focused && $(focused)) {
            $(focused).focus();
        }
    } else {
        dates.forEach(d => { $(`date-${d.date}`).textContent = dateLabel(d); });
    }
    if (date) {
        press('dates', `date-${date}`);
    }
}

async function selectDate(d) {
    date = d;
    saved.setItem(KEY + 'looking-at', JSON.stringify({concertId: concert.id, date: d}));
    press('dates', `date-${d}`);
    $('seats-date').textContent = d;
    const chosen = dates.find(x => x.date === d);
    $('seats-when').textContent = chosen ? showDate(language, chosen.date, chosen.startsAt) : d;
    show('seats-block', true);
    clearMessage(message('seat'));
    await loadSeats();
}

async function loadSeats() {
    if (!concert || !date) {
        return;
    }
    try {
        seatMap = await server.get(`concerts/${concert.id}/dates/${date}/seats`);
    } catch (error) {
        showMessage(message('seat'), 'seat', codeOf(error));
        return;
    }
    refreshedAt = Date.now();
    drawSeats();
}

/** Whether the fan holds this seat of the date on the map. */
function mine(number) {
    return [...holds.values()].some(h => h.seatNumber === number && h.date === date
        && String(h.concertId) === String(concert.id));
}

function drawSeats() {
    if (!seatMap) {
        return;
    }
    $('seats-hint').hidden = isActive();
    drawSeatMap($('sections'), {
        key: `${seatMap.concertId}/${seatMap.date}/${language}`, seats: seatMap.seats, t, won, mine,
        canHold: isActive(), onSeat: holdSeat,
    });
}

// ---- the queue

async function join() {
    const box = message('queue');
    clearMessage(box);
    $('join').disabled = true;
    try {
        const entered = await server.post('queue/tokens', {userId});
        token = entered.token;
        saved.setItem(KEY + 'token', token);
        follow(entered);
    } catch (error) {
        showMessage(box, 'queue', codeOf(error));
    } finally {
        $('join').disabled = false;
    }
}

async function resume() {
    try {
        follow(await server.get('queue/status', {token}));
    } catch (error) {
        if (['TOKEN_INVALID', 'TOKEN_MISSING'].includes(codeOf(error))) {
            tokenGone(saved.getItem(KEY + 'last-status') === 'WAITING' ? 'LOST' : 'ENDED');
        } else {
            showMessage(message('queue'), 'queue', codeOf(error));
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
        if (status) {
            render(status);
        }
        schedulePoll(view.pollAfterSeconds);
    } catch (error) {
        if (codeOf(error) === 'TOKEN_INVALID') {
            tokenGone(view && view.status === 'WAITING' ? 'LOST' : 'ENDED');
            return;
        }
        schedulePoll(5);
    }
}

function render(status) {
    const wasActive = isActive();
    view = status;
    saved.setItem(KEY + 'last-status', status.status);
    $('queue-status').dataset.status = status.status;
    show('queue-intro', false);
    clearMessage(message('queue'));
    const waiting = status.status === 'WAITING';
    show('waiting', waiting);
    show('active', !waiting);
    if (waiting) {
        $('position').textContent = status.position.toLocaleString(language);
        const paused = status.estimatedWaitSeconds === null;
        show('paused-note', paused);
        $('eta').textContent = paused ? '' : waitInWords(t, status.estimatedWaitSeconds);
        const firstKey = `${KEY}first-position.${token}`;
        const first = Math.max(Number(saved.getItem(firstKey)) || status.position, status.position);
        saved.setItem(firstKey, String(first));
        const progress = $('progress');
        progress.value = Math.round(100 * (first - status.position + 1) / (first + 1));
        progress.setAttribute('aria-valuetext', format(t, 'progressText', {n: status.position.toLocaleString(language)}));
    }
    show('booking', !waiting);
    show('charge-form', !waiting);
    if (!waiting && !wasActive) {
        announce(format(t, 'yourTurn'));
        refreshBalance();
        loadHolds();
        loadTickets();
        loadSeats();
    }
    drawSeats();
}

/**
 * The token is spent or gone: the booking window ended (ENDED), the place in line was lost (LOST),
 * a payment spent it (PAID) or the fan never had one. Each says what happened and offers the one
 * thing that makes sense: to join again.
 */
function tokenGone(reason) {
    stopListening();
    token = null;
    view = null;
    saved.removeItem(KEY + 'token');
    saved.removeItem(KEY + 'last-status');
    for (const [id, hold] of holds) {
        if (new Date(hold.heldUntil).getTime() <= Date.now()) {
            ended.set(id, {...hold, state: 'LAPSED'});
        }
    }
    holds.clear();
    $('queue-status').dataset.status = reason || 'NONE';
    show('queue-intro', true);
    const words = {ENDED: 'windowEnded', LOST: 'placeLost', PAID: 'queueAgainAfterPaying'}[reason] || 'queueIntro';
    $('queue-intro-text').textContent = format(t, words);
    $('queue-intro-text').dataset.reason = reason || 'NONE';
    $('join').dataset.i18n = reason ? 'joinAgain' : 'join';   // the button says what the words say
    $('join').textContent = format(t, $('join').dataset.i18n);
    if (reason === 'ENDED' || reason === 'LOST') {
        announce(format(t, words));
        $('queue').scrollIntoView({block: 'nearest'});   // a fan coming back sees why, not the concert list
    }
    show('waiting', false);
    show('active', false);
    show('booking', ended.size > 0);
    show('charge-form', false);
    renderHolds();
    drawSeats();
}

/** The window's countdown reached zero: the server says whether it really ended (a hold extends it). */
async function checkWindow() {
    if (checkingWindow) {
        return;
    }
    checkingWindow = true;
    try {
        const status = await server.get('queue/status', {token});
        if (status) {
            render(status);
        }
    } catch (error) {
        if (codeOf(error) === 'TOKEN_INVALID') {
            tokenGone('ENDED');
        }
    } finally {
        setTimeout(() => { checkingWindow = false; }, 2000);
    }
}

// ---- holds: the server's list, shown as cards with their countdown and a pay button

/** Details of a hold for its card and its ticket, from the hold's answer and what the page has read. */
function detailsOf(reservation) {
    const seat = seatMap && seatMap.seats.find(s => s.number === reservation.seatNumber);
    const chosen = dates.find(d => d.date === reservation.date);
    return {
        ...reservation,
        title: reservation.title || (concert && concert.title),
        venue: reservation.venue || (concert && concert.venue),
        startsAt: reservation.startsAt || (chosen && chosen.startsAt),
        section: reservation.section !== undefined ? reservation.section : seat && seat.section,
        row: reservation.row || (seat && seat.row),
        seatInRow: reservation.seatInRow || (seat && seat.seatInRow),
    };
}

/** Reads the fan's live holds: the same in every tab, after a reload too. */
async function loadHolds() {
    if (!token) {
        return;
    }
    let live;
    try {
        live = await server.get(`users/${userId}/reservations?status=HELD`, {token});
    } catch (error) {
        if (codeOf(error) === 'TOKEN_INVALID') {
            tokenGone(view && view.status === 'WAITING' ? 'LOST' : 'ENDED');
        }
        return;
    }
    const ids = new Set(live.map(r => r.reservationId));
    for (const [id, hold] of holds) {
        if (!ids.has(id)) {
            holds.delete(id);
            if (new Date(hold.heldUntil).getTime() <= Date.now()) {
                ended.set(id, {...hold, state: 'LAPSED'});
            } else {
                loadTickets();   // paid or let go in another tab
            }
        }
    }
    live.forEach(r => holds.set(r.reservationId, detailsOf(r)));
    renderHolds();
    drawSeats();
}

function button(label, className, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
}

function holdCard(id, hold, state) {
    const card = document.createElement('li');
    card.className = 'hold';
    card.dataset.reservation = id;
    card.dataset.state = state;
    const title = document.createElement('h3');
    title.id = `hold-title-${id}`;
    title.tabIndex = -1;
    title.textContent = hold.row ? seatWords(t, hold) : format(t, 'seatNo', {n: hold.seatNumber});
    const what = document.createElement('p');
    what.textContent = `${hold.title || ''} · ${showDate(language, hold.date, hold.startsAt)} · ${won(hold.price)}`;
    const note = document.createElement('p');
    const box = document.createElement('p');
    box.className = 'message';
    box.hidden = true;
    box.setAttribute('data-for', 'hold');
    const actions = document.createElement('div');
    actions.className = 'actions';
    if (state === 'HELD') {
        note.append(format(t, 'holdLeft'), ' ');
        const left = document.createElement('strong');
        left.className = 'countdown';
        left.textContent = countdown(hold.heldUntil);
        note.appendChild(left);
        actions.append(button(format(t, 'pay'), 'pay', () => pay(id)),
            button(format(t, 'release'), 'secondary release', () => release(id)));
    } else {
        showMessage(box, 'hold', state === 'DECLINED' ? 'INSUFFICIENT_BALANCE' : 'HOLD_EXPIRED');
        if (state === 'DECLINED') {
            actions.append(button(format(t, 'addMoney'), 'add-money', () => {
                dismiss(id);
                $('charge-amount').focus();
            }));
        } else {
            actions.append(button(format(t, 'chooseAgain'), 'choose-again', () => {
                dismiss(id);
                const seat = document.querySelector('#sections button[aria-disabled="false"]');
                (seat || $('seats-title')).focus();
            }));
        }
        actions.append(button(format(t, 'dismiss'), 'secondary dismiss', () => dismiss(id)));
    }
    card.append(title, what, note, box, actions);
    card.setAttribute('aria-labelledby', title.id);
    return card;
}

function dismiss(id) {
    ended.delete(id);
    renderHolds();
    show('booking', isActive() || ended.size > 0);
}

/** Draws the cards of live and ended holds; a card already drawn in the same state is left as it is (focus stays). */
function renderHolds() {
    const list = $('holds');
    const wanted = [...[...holds].map(([id, h]) => [id, h, 'HELD']), ...[...ended].map(([id, h]) => [id, h, h.state])];
    const keep = new Set(wanted.map(([id, , state]) => `${id}/${state}`));
    list.querySelectorAll('li.hold').forEach(card => {
        if (!keep.has(`${card.dataset.reservation}/${card.dataset.state}`)) {
            card.remove();
        }
    });
    for (const [id, hold, state] of wanted) {
        if (!list.querySelector(`li.hold[data-reservation="${id}"][data-state="${state}"]`)) {
            list.appendChild(holdCard(id, hold, state));
        }
    }
    show('no-holds', wanted.length === 0);
    const several = holds.size > 1;
    $('no-holds').textContent = format(t, 'noHolds');
    if (several) {
        show('no-holds', true);
        $('no-holds').textContent = format(t, 'oneWindowOnePayment');
    }
}

async function holdSeat(number) {
    const box = message('seat');
    clearMessage(box);
    const seat = seatMap && seatMap.seats.find(s => s.number === number);
    const state = seat && seatState(seat, mine(number));
    if (state === 'MINE') {
        const held = [...holds].find(([, h]) => h.seatNumber === number && h.date === date);
        if (held) {
            $(`hold-title-${held[0]}`).focus();
        }
        return;
    }
    if (!isActive()) {
        showMessage(box, 'seat', !token ? 'TOKEN_MISSING' : 'TOKEN_NOT_ACTIVE');
        return;
    }
    if (state !== 'AVAILABLE') {
        showMessage(box, 'seat', 'SEAT_UNAVAILABLE');
        return;
    }
    try {
        const held = await server.post('reservations', {concertId: String(concert.id), date, seatNumber: number}, {token});
        const details = detailsOf(held);
        holds.set(held.reservationId, details);
        [...ended.keys()].forEach(id => ended.delete(id));
        show('confirmation', false);
        renderHolds();
        announce(format(t, 'heldAnnouncement', {seat: seatWords(t, details), time: countdown(details.heldUntil)}));
        $(`hold-title-${held.reservationId}`).focus();
    } catch (error) {
        showMessage(box, 'hold', codeOf(error));
        if (codeOf(error) === 'TOKEN_INVALID') {
            tokenGone('ENDED');
        }
    }
    await loadSeats();
}

function cardMessage(id) {
    return document.querySelector(`li.hold[data-reservation="${id}"] .message`);
}

async function release(id) {
    const box = cardMessage(id);
    clearMessage(box);
    try {
        await server.del(`reservations/${id}`, {token});
        holds.delete(id);
        renderHolds();
        announce(format(t, 'released'));
    } catch (error) {
        if (['HOLD_EXPIRED', 'ALREADY_PAID', 'NOT_FOUND'].includes(codeOf(error))) {
            await loadHolds();
            loadTickets();
        } else if (codeOf(error) === 'TOKEN_INVALID') {
            tokenGone('ENDED');
        } else {
            showMessage(box, 'hold', codeOf(error));
        }
    }
    await loadSeats();
}

async function pay(id) {
    const hold = holds.get(id);
    if (!hold) {
        return;
    }
    const box = cardMessage(id);
    clearMessage(box);
    if (!pendingPayments.has(id)) {
        pendingPayments.set(id, uuid());
    }
    try {
        const payment = await server.post('payments', {reservationId: id},
            {token, headers: {'Idempotency-Key': pendingPayments.get(id)}});
        pendingPayments.delete(id);
        holds.delete(id);
        const ticket = ticketOf(hold, payment);
        keepTickets(saved, [ticket]);
        renderTickets();
        showConfirmation(ticket);
        tokenGone('PAID');             // a payment spends the queue token
        show('booking', ended.size > 0);
        if (payment.balance !== undefined) {
            $('balance').textContent = won(payment.balance);
        }
        loadSeats();                   // the seat is sold: shown once, as the map no longer refreshes by itself
        loadDates().catch(() => {});
    } catch (error) {
        if (error instanceof ApiError && !error.outcomeUnknown) {
            pendingPayments.delete(id);
        }
        const code = codeOf(error);
        if (code === 'INSUFFICIENT_BALANCE' || code === 'HOLD_EXPIRED') {
            holds.delete(id);
            ended.set(id, {...hold, state: code === 'INSUFFICIENT_BALANCE' ? 'DECLINED' : 'LAPSED'});
            renderHolds();
            refreshBalance();
        } else if (code === 'ALREADY_PAID') {
            holds.delete(id);
            renderHolds();
            loadTickets();
        } else if (code === 'TOKEN_INVALID') {
            tokenGone('ENDED');
        } else {
            showMessage(box, 'hold', code);
        }
        await loadSeats();
    }
}

function showConfirmation(ticket) {
    $('confirmation-ticket').replaceChildren(ticketElement(t, language, won, ticket, {withPayment: false}));
    $('confirmation-text').textContent = format(t, 'confirmationText',
        {date: ticket.date, seat: ticket.row ? seatWords(t, ticket) : ticket.seatNumber});
    $('payment-id').textContent = ticket.paymentId;
    show('confirmation', true);
    $('confirmation').scrollIntoView({block: 'start'});
    $('confirmation-title').focus();
    announce(format(t, 'paidAnnouncement', {seat: ticket.row ? seatWords(t, ticket) : ticket.seatNumber}));
}

// ---- the balance

async function refreshBalance() {
    if (!token) {
        return;
    }
    try {
        const balance = await server.get(`users/${userId}/balance`, {token});
        $('balance').textContent = won(balance.balance);
    } catch (error) {
        showMessage(message('charge'), 'charge', codeOf(error));
    }
}

async function charge(event) {
    event.preventDefault();
    const input = $('charge-amount');
    const box = message('charge');
    clearMessage(box);
    const typed = input.value.trim();
    input.value = typed;
    // The exact digits typed, or nothing: "1e3", "1.5" and numbers past what a double holds are refused
    // here, so the amount charged is always the number the fan sees.
    if (!input.checkValidity() || !Number.isSafeInteger(Number(typed))) {
        input.setAttribute('aria-invalid', 'true');
        showMessage(box, 'charge', typed === '' ? 'AMOUNT_MISSING' : 'AMOUNT_INVALID');
        return;
    }
    input.removeAttribute('aria-invalid');
    if (!pendingCharge || pendingCharge.amount !== typed) {
        pendingCharge = {amount: typed, key: uuid()};
    }
    try {
        const answer = await server.post(`users/${userId}/balance/charges`, `{"amount":${typed}}`,
            {token, headers: {'Idempotency-Key': pendingCharge.key}});
        pendingCharge = null;
        $('balance').textContent = won(answer.balance);
        announce(format(t, 'chargedAnnouncement', {balance: won(answer.balance)}));
    } catch (error) {
        if (error instanceof ApiError && !error.outcomeUnknown) {
            pendingCharge = null;
        }
        if (codeOf(error) === 'VALIDATION_FAILED') {
            input.setAttribute('aria-invalid', 'true');
        }
        showMessage(box, 'charge', codeOf(error));
        if (codeOf(error) === 'TOKEN_INVALID') {
            tokenGone('ENDED');
        }
    }
}

// ---- my tickets: what this browser paid, completed from the server's list while a token is live

async function loadTickets() {
    if (token) {
        try {
            const confirmed = await server.get(`users/${userId}/reservations?status=CONFIRMED`, {token});
            keepTickets(saved, confirmed.filter(r => r.paymentId)
                .map(r => ticketOf(r, {paymentId: r.paymentId, amount: r.price})));
        } catch (error) {
            // the browser's own list is shown below; a token that lapsed is found by the queue's own checks
        }
    }
    renderTickets();
}

function renderTickets() {
    const tickets = storedTickets(saved);
    $('tickets').replaceChildren(...tickets.map(ticket => {
        const item = document.createElement('li');
        item.appendChild(ticketElement(t, language, won, ticket));
        return item;
    }));
    show('tickets-empty', tickets.length === 0);
}

// ---- the clock: countdowns each second; while booking, the seat map, dates and holds every 5 s (a waiting
// crowd refreshes nothing: a million fans in line must not cost the catalog a million reads every 5 s)

function tick() {
    if (isActive() && view.activeUntil) {
        $('active-left').textContent = countdown(view.activeUntil);
        if (new Date(view.activeUntil).getTime() <= Date.now() && holds.size === 0) {
            checkWindow();
        }
    }
    for (const [id, hold] of holds) {
        const card = document.querySelector(`li.hold[data-reservation="${id}"][data-state="HELD"] .countdown`);
        if (card) {
            card.textContent = countdown(hold.heldUntil);
        }
        if (new Date(hold.heldUntil).getTime() <= Date.now()) {
            holds.delete(id);
            ended.set(id, {...hold, state: 'LAPSED'});
            renderHolds();
            drawSeats();
        }
    }
    if (isActive() && Date.now() - refreshedAt > REFRESH_MS) {
        refreshedAt = Date.now();
        loadSeats();
        loadDates().catch(() => {});
        loadHolds();
    }
}

/** Another tab of this browser paid, joined or left: follow it. */
function onStorage(event) {
    if (event.key === KEY + 'tickets') {
        renderTickets();
    } else if (event.key === KEY + 'token' && event.newValue !== token) {
        if (event.newValue) {
            token = event.newValue;
            resume();
        } else {
            tokenGone('PAID');
        }
    }
}

async function start() {
    language = preferredLanguage();
    t = await loadDictionary(BASE, language);
    translatePage(t, language);
    document.title = format(t, 'title');
    userId = saved.getItem(KEY + 'userId') || uuid();
    saved.setItem(KEY + 'userId', userId);
    document.body.dataset.user = userId;
    $('join').addEventListener('click', join);
    $('charge-form').addEventListener('submit', charge);
    $('charge-amount').addEventListener('input', () => {
        $('charge-amount').removeAttribute('aria-invalid');
        clearMessage(message('charge'));
    });
    $('print-button').addEventListener('click', () => window.print());
    window.addEventListener('storage', onStorage);
    renderTickets();
    try {
        await loadConcerts();
    } catch (error) {
        showMessage(message('browse'), 'browse', codeOf(error));
    }
    if (token) {
        await resume();
    }
    setInterval(tick, 1000);
    document.body.dataset.ready = 'true';
}

start();
