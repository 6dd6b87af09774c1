// Tickets: what a paid booking looks like, and the list this browser keeps of them. A payment spends
// the queue token, so after a reload the server can only be asked again once the fan has a live token;
// until then the browser's own copy is what "my tickets" shows.
import {bookingReference, format, showDate} from './i18n.js';

const STORE = 'concert.tickets';

/** A ticket from a hold (or a reservation of the server's list) and the payment that bought it. */
export function ticketOf(reservation, payment) {
    return {
        paymentId: payment.paymentId,
        reservationId: reservation.reservationId,
        concertId: String(reservation.concertId),
        title: reservation.title,
        venue: reservation.venue,
        date: reservation.date,
        startsAt: reservation.startsAt,
        section: reservation.section || null,
        row: reservation.row,
        seatInRow: reservation.seatInRow,
        seatNumber: reservation.seatNumber,
        price: payment.amount !== undefined ? payment.amount : reservation.price,
        balance: payment.balance === undefined ? null : payment.balance,
        paidAt: payment.paidAt || null,
    };
}

export function storedTickets(storage) {
    try {
        const tickets = JSON.parse(storage.getItem(STORE) || '[]');
        return Array.isArray(tickets) ? tickets.filter(ticket => ticket && ticket.paymentId) : [];
    } catch (corrupt) {
        return [];
    }
}

/** Adds or completes tickets (the server's list may know more than this browser, or less: the balance). */
export function keepTickets(storage, tickets) {
    const kept = storedTickets(storage);
    for (const ticket of tickets) {
        const known = kept.find(k => k.paymentId === ticket.paymentId);
        if (known) {
            for (const [field, value] of Object.entries(ticket)) {
                if (value !== null && value !== undefined) {
                    known[field] = value;
                }
            }
        } else {
            kept.push(ticket);
        }
    }
    kept.sort((a, b) => String(b.paidAt || '').localeCompare(String(a.paidAt || '')));
    storage.setItem(STORE, JSON.stringify(kept));
    return kept;
}

function line(term, value, className) {
    const wrapper = document.createElement('div');
    if (className) {
        wrapper.className = className;
    }
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    wrapper.append(dt, dd);
    return wrapper;
}

/** The seat as a fan reads it: "VIP · row A · seat 3", or "row A · seat 3" in a hall of one section. */
export function seatWords(t, seat) {
    return format(t, seat.section ? 'seatPlaceInSection' : 'seatPlace',
        {section: seat.section || '', row: seat.row, seat: seat.seatInRow});
}

/**
 * One ticket, as a description list a printer and a screen reader both read well; the payment's full id
 * below it unless the page shows it elsewhere.
 */
export function ticketElement(t, language, won, ticket, {withPayment = true} = {}) {
    const card = document.createElement('article');
    card.className = 'ticket';
    card.dataset.payment = ticket.paymentId;
    const title = document.createElement('h3');
    title.textContent = ticket.title || format(t, 'concertFallback');
    const list = document.createElement('dl');
    list.append(
        line(format(t, 'ticket.venue'), ticket.venue || '–'),
        line(format(t, 'ticket.when'), showDate(language, ticket.date, ticket.startsAt)),
        line(format(t, 'ticket.seat'), ticket.row ? seatWords(t, ticket) : format(t, 'seatNo', {n: ticket.seatNumber})),
        line(format(t, 'ticket.paid'), won(ticket.price)),
        line(format(t, 'ticket.reference'), bookingReference(ticket.paymentId), 'reference'));
    if (ticket.balance !== null && ticket.balance !== undefined) {
        list.append(line(format(t, 'ticket.balance'), won(ticket.balance)));
    }
    card.append(title, list);
    if (withPayment) {
        const payment = document.createElement('p');
        payment.className = 'note small';
        payment.textContent = format(t, 'ticket.payment', {id: ticket.paymentId});
        card.appendChild(payment);
    }
    return card;
}
