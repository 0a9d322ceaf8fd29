import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(de);
countries.registerLocale(fr);

/** Codes travel documents use beyond ISO 3166-1 (ICAO Doc 9303 Part 3): Kosovo, stateless persons, refugees. */
const ICAO_EXTRA: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  RKS: { en: 'Kosovo', de: 'Kosovo', fr: 'Kosovo' },
  XXA: { en: 'Stateless person', de: 'Staatenlos', fr: 'Apatride' },
  XXB: {
    en: 'Refugee (1951 Convention)',
    de: 'Flüchtling (Abkommen von 1951)',
    fr: 'Réfugié (Convention de 1951)',
  },
};

const cache = new Map<string, Array<{ value: string; label: string }>>();

/**
 * Countries as choices of a select, named in the interface language and sorted by that name; the value is the
 * three-letter code printed in travel documents (ISO 3166-1 alpha-3, ICAO additions).
 */
export function countryOptions(locale: string): Array<{ value: string; label: string }> {
  const lang = ['en', 'de', 'fr'].includes(locale) ? locale : 'en';
  const known = cache.get(lang);
  if (known !== undefined) {
    return known;
  }
  const names = countries.getNames(lang, { select: 'official' });
  const options = Object.entries(names)
    .map(([alpha2, label]) => ({ value: countries.alpha2ToAlpha3(alpha2) ?? alpha2, label }))
    .filter((o) => o.value.length === 3 && o.value !== 'XKX')
    .concat(Object.entries(ICAO_EXTRA).map(([value, label]) => ({ value, label: label[lang] ?? value })));
  options.sort((a, b) => a.label.localeCompare(b.label, lang));
  cache.set(lang, options);
  return options;
}

/** The name of a country by its three-letter code, in the interface language; the code when unknown. */
export function countryName(locale: string, code: string): string {
  return countryOptions(locale).find((o) => o.value === code)?.label ?? code;
}
