// The seat map: the stage, then each section with its price, its rows and their seats. Built once per
// concert date and then updated in place, so that a refresh every few seconds never moves keyboard focus.
import {format} from './i18n.js';

/** The state a fan sees on a seat: a seat held by this fan is MINE, not an ordinary HELD one. */
export function seatState(seat, mine) {
    if (seat.status === 'HELD' && mine) {
        return 'MINE';
    }
    return seat.status;
}

/** Sections in order of their first seat, each with its rows in order and the prices of its seats. */
export function sectionsOf(seats) {
    const sections = [];
    for (const seat of seats) {
        const name = seat.section || '';
        let section = sections.find(s => s.name === name);
        if (!section) {
            section = {name, rows: [], prices: new Set()};
            sections.push(section);
        }
        section.prices.add(seat.price);
        let row = section.rows.find(r => r.label === seat.row);
        if (!row) {
            row = {label: seat.row, seats: []};
            section.rows.push(row);
        }
        row.seats.push(seat);
    }
    return sections;
}

function priceText(t, won, prices) {
    const sorted = [...prices].sort((a, b) => a - b);
    return sorted.length === 1
        ? won(sorted[0])
        : format(t, 'priceRange', {low: won(sorted[0]), high: won(sorted[sorted.length - 1])});
}

function hidden(text) {
    const span = document.createElement('span');
    span.className = 'visually-hidden';
    span.textContent = text;
    return span;
}

/**
 * Draws or updates the map. {@code key} names the concert date: a new key rebuilds the map, the same
 * key only changes each seat's state, text and whether it can be pressed.
 *
 * @param container the element that holds the sections
 * @param view {key, seats, t, won, mine(seatNumber) -> boolean, canHold -> boolean, onSeat(seat)}
 */
export function drawSeatMap(container, view) {
    const {key, seats, t, won} = view;
    if (container.dataset.key !== key) {
        container.replaceChildren(...sectionsOf(seats).map((section, index) => {
            const group = document.createElement('div');
            group.className = 'section';
            group.setAttribute('role', 'group');
            const heading = document.createElement('h3');
            heading.id = `section-${index}`;
            heading.textContent = section.name
                ? format(t, 'sectionTitle', {name: section.name, price: priceText(t, won, section.prices)})
                : format(t, 'allSeats', {price: priceText(t, won, section.prices)});
            group.setAttribute('aria-labelledby', heading.id);
            group.appendChild(heading);
            for (const row of section.rows) {
                const line = document.createElement('div');
                line.className = 'row';
                const label = document.createElement('span');
                label.className = 'row-label';
                label.setAttribute('aria-hidden', 'true');
                label.textContent = row.label;
                line.appendChild(label);
                for (const seat of row.seats) {
                    const button = document.createElement('button');
                    button.type = 'button';
                    button.dataset.seat = seat.number;
                    button.addEventListener('click', () => view.onSeat(Number(button.dataset.seat)));
                    line.appendChild(button);
                }
                group.appendChild(line);
            }
            return group;
        }));
        container.dataset.key = key;
    }
    for (const seat of seats) {
        const button = container.querySelector(`button[data-seat="${seat.number}"]`);
        if (!button) {
            continue;
        }
        const state = seatState(seat, view.mine(seat.number));
        // The visible text is the seat's place in its row; the accessible name says the same words first
        // and then the row, price and state, so a voice user can say what they see.
        const name = [hidden(format(t, 'rowPrefix', {row: seat.row})), document.createTextNode(String(seat.seatInRow)),
            hidden(format(t, 'seatSuffix', {price: won(seat.price), status: format(t, `state.${state}`)}))];
        const text = name.map(node => node.textContent).join('');
        if (button.dataset.text !== text) {
            button.replaceChildren(...name);
            button.dataset.text = text;
        }
        button.dataset.status = state;
        button.dataset.price = seat.price;
        button.dataset.place = format(t, 'seatPlace', {section: seat.section || '', row: seat.row, seat: seat.seatInRow}).trim();
        // A seat that cannot be held stays focusable (aria-disabled), so focus never falls to the page
        // when a seat is taken under the fan's finger.
        const usable = view.canHold && (state === 'AVAILABLE' || state === 'MINE');
        button.setAttribute('aria-disabled', String(!usable));
    }
}
