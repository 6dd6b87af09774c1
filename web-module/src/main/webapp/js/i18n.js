// One dictionary per language: Korean first, English when the browser prefers it.

export function preferredLanguage(languages = navigator.languages || [navigator.language]) {
    const first = languages.find(l => /^(ko|en)\b/i.test(l));
    return first && /^en/i.test(first) ? 'en' : 'ko';
}

export async function loadDictionary(base, language) {
    const response = await fetch(`${base}i18n/${language}.json`);
    return response.json();
}

/** The text for a key with {placeholders} filled in; the key itself when the dictionary lacks it. */
export function format(dictionary, key, values = {}) {
    const text = key.split('.').reduce((node, part) => (node ? node[part] : undefined), dictionary);
    if (typeof text !== 'string') {
        return key;
    }
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/** Fills every element marked data-i18n="key" with its text. */
export function translatePage(dictionary, language, root = document) {
    document.documentElement.lang = language;
    root.querySelectorAll('[data-i18n]').forEach(element => {
        element.textContent = format(dictionary, element.dataset.i18n);
    });
}

/** "about 3 minutes" for a number of seconds; null (paused) has no estimate. */
export function waitInWords(dictionary, seconds) {
    if (seconds === null || seconds === undefined) {
        return format(dictionary, 'etaUnknown');
    }
    if (seconds <= 5) {
        return format(dictionary, 'etaSoon');
    }
    if (seconds < 60) {
        return format(dictionary, 'etaSeconds');
    }
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) {
        return format(dictionary, 'etaMinutes', {n: minutes});
    }
    return format(dictionary, 'etaHours', {h: Math.floor(minutes / 60), m: minutes % 60});
}

/** m:ss until an instant, 0:00 once it has passed. */
export function countdown(until, now = Date.now()) {
    const left = Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000));
    return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/**
 * "2026-12-24 (Thu) 19:00": the day as the contract writes it, its weekday in the page's language and
 * the start time where the concert happens (the local part of startsAt, whatever the browser's own zone).
 */
export function showDate(language, date, startsAt) {
    const weekday = new Intl.DateTimeFormat(language, {weekday: 'short', timeZone: 'UTC'})
        .format(new Date(`${date}T00:00:00Z`));
    const time = typeof startsAt === 'string' && startsAt.length >= 16 ? ` ${startsAt.slice(11, 16)}` : '';
    return `${date} (${weekday})${time}`;
}

/** A booking reference a person can read out: the first eight characters of the payment's id, as XXXX-XXXX. */
export function bookingReference(paymentId) {
    const compact = String(paymentId).replace(/^p-/, '').replace(/[^0-9a-z]/gi, '').slice(0, 8).toUpperCase();
    return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
