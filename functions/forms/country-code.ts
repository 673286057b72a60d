/**
 * Country names and codes as Enerpize's `country_code` (ISO 3166-1 alpha-2).
 *
 * English names are a table here (CLDR's names, long and short, plus a few everyday ones CLDR
 * does not use: "USA", "Holland", "Ivory Coast"), so the usual answer costs a map lookup. Names
 * in other common languages come from the runtime's own CLDR data (`Intl.DisplayNames`), read
 * only when an answer is not an English name: loading that data costs tens of milliseconds of
 * CPU. A name two countries share is dropped rather than guessed.
 */

/** Every officially assigned ISO 3166-1 alpha-2 code. */
const ASSIGNED =
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK
HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC
NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB
SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/)

/** The assigned codes, for checking a code someone typed. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(ASSIGNED)

// CLDR's English names of each code, long and short, `/` between them.
const ENGLISH = `
AD Andorra
AE United Arab Emirates
AF Afghanistan
AG Antigua & Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AQ Antarctica
AR Argentina
AS American Samoa
AT Austria
AU Australia
AW Aruba
AX Åland Islands
AZ Azerbaijan
BA Bosnia & Herzegovina / Bosnia
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BL St. Barthélemy
BM Bermuda
BN Brunei
BO Bolivia
BQ Caribbean Netherlands
BR Brazil
BS Bahamas
BT Bhutan
BV Bouvet Island
BW Botswana
BY Belarus
BZ Belize
CA Canada
CC Cocos (Keeling) Islands / CocosIslands / Cocos Islands
CD Congo - Kinshasa
CF Central African Republic
CG Congo - Brazzaville
CH Switzerland
CI Côte d’Ivoire
CK Cook Islands
CL Chile
CM Cameroon
CN China
CO Colombia
CR Costa Rica
CU Cuba
CV Cape Verde
CW Curaçao
CX Christmas Island
CY Cyprus
CZ Czechia
DE Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FK Falkland Islands
FM Micronesia
FO Faroe Islands
FR France
GA Gabon
GB United Kingdom / UK
GD Grenada
GE Georgia
GF French Guiana
GG Guernsey
GH Ghana
GI Gibraltar
GL Greenland
GM Gambia
GN Guinea
GP Guadeloupe
GQ Equatorial Guinea
GR Greece
GS South Georgia & South Sandwich Islands
GT Guatemala
GU Guam
GW Guinea-Bissau
GY Guyana
HK Hong Kong SAR China / Hong Kong
HM Heard & McDonald Islands
HN Honduras
HR Croatia
HT Haiti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IM Isle of Man
IN India
IO British Indian Ocean Territory
IQ Iraq
IR Iran
IS Iceland
IT Italy
JE Jersey
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan
KH Cambodia
KI Kiribati
KM Comoros
KN St. Kitts & Nevis
KP North Korea
KR South Korea
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos
LB Lebanon
LC St. Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya
MA Morocco
MC Monaco
MD Moldova
ME Montenegro
MF St. Martin
MG Madagascar
MH Marshall Islands
MK North Macedonia
ML Mali
MM Myanmar (Burma) / Myanmar
MN Mongolia
MO Macao SAR China / Macao
MP Northern Mariana Islands
MQ Martinique
MR Mauritania
MS Montserrat
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NC New Caledonia
NE Niger
NF Norfolk Island
NG Nigeria
NI Nicaragua
NL Netherlands
NO Norway
NP Nepal
NR Nauru
NU Niue
NZ New Zealand
OM Oman
PA Panama
PE Peru
PF French Polynesia
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PM St. Pierre & Miquelon
PN Pitcairn Islands / Pitcairn
PR Puerto Rico
PS Palestinian Territories / Palestine
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RE Réunion
RO Romania
RS Serbia
RU Russia
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden
SG Singapore
SH St. Helena
SI Slovenia
SJ Svalbard & Jan Mayen
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan
ST São Tomé & Príncipe
SV El Salvador
SX Sint Maarten
SY Syria
SZ Eswatini
TC Turks & Caicos Islands
TD Chad
TF French Southern Territories
TG Togo
TH Thailand
TJ Tajikistan
TK Tokelau
TL Timor-Leste
TM Turkmenistan
TN Tunisia
TO Tonga
TR Türkiye
TT Trinidad & Tobago
TV Tuvalu
TW Taiwan
TZ Tanzania
UA Ukraine
UG Uganda
UM U.S. Outlying Islands
US United States / US
UY Uruguay
UZ Uzbekistan
VA Vatican City
VC St. Vincent & Grenadines
VE Venezuela
VG British Virgin Islands
VI U.S. Virgin Islands
VN Vietnam
VU Vanuatu
WF Wallis & Futuna
WS Samoa
YE Yemen
YT Mayotte
ZA South Africa
ZM Zambia
ZW Zimbabwe
`

// Languages whose names the runtime's CLDR data gives, read when the table has no match: English
// again (the runtime's CLDR may be newer than the table), then the languages most users write.
const LANGUAGES = ['en', 'ar', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'tr']

// Everyday names and codes CLDR does not list under the country's own code.
const EVERYDAY: Readonly<Record<string, string>> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  uae: 'AE',
  emirates: 'AE',
  ksa: 'SA',
  'ivory coast': 'CI',
  'czech republic': 'CZ',
  turkey: 'TR',
  swaziland: 'SZ',
  macedonia: 'MK',
  burma: 'MM',
  macau: 'MO',
  'east timor': 'TL',
  'cabo verde': 'CV',
  vatican: 'VA',
  'republic of korea': 'KR',
  'russian federation': 'RU',
}

// Names some languages give one country and people use for two: never guessed.
const AMBIGUOUS = ['congo', 'korea', 'virgin islands']

/** Lower case, no accents, no punctuation, single spaces, no leading "the". */
function key(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
}

// Both built on first use.
let english: Map<string, string> | undefined
let others: Map<string, string> | undefined

/** A name → code map that leaves out the names two countries share. */
function nameMap(): { found: Map<string, string>; add: (name: string, code: string) => void } {
  const found = new Map<string, string>()
  const shared = new Set<string>()
  const add = (name: string, code: string) => {
    const k = key(name)
    if (k === '' || shared.has(k)) return
    const other = found.get(k)
    if (other !== undefined && other !== code) {
      found.delete(k)
      shared.add(k)
    } else found.set(k, code)
  }
  return { found, add }
}

/** Name → code in other languages, from the runtime's CLDR data. */
function namesIn(languages: readonly string[]): Map<string, string> {
  const { found, add } = nameMap()
  for (const language of languages) {
    for (const style of ['long', 'short'] as const) {
      const display = new Intl.DisplayNames([language], { type: 'region', style, fallback: 'none' })
      for (const code of ASSIGNED) {
        const name = display.of(code)
        if (name === undefined) continue
        add(name, code)
        // "Myanmar (Burma)", "Hong Kong SAR China": the parts before the qualifier count too.
        const plain = name.replace(/\s*\(.*\)\s*/g, '')
        if (plain !== name) add(plain, code)
      }
    }
  }
  for (const name of AMBIGUOUS) found.delete(name)
  return found
}

function englishNames(): Map<string, string> {
  if (english === undefined) {
    const { found, add } = nameMap()
    for (const line of ENGLISH.trim().split('\n')) {
      const code = line.slice(0, 2)
      for (const name of line.slice(3).split(' / ')) add(name, code)
    }
    for (const name of AMBIGUOUS) found.delete(name)
    for (const [name, code] of Object.entries(EVERYDAY)) found.set(key(name), code)
    english = found
  }
  return english
}

function otherNames(): Map<string, string> {
  others ??= namesIn(LANGUAGES)
  return others
}

/**
 * The ISO alpha-2 code of a country given by name (in English or another common language) or
 * by its alpha-2 code, or `undefined` when it cannot be told reliably.
 *
 * @example countryCode('Deutschland') // 'DE'
 * @example countryCode('uk') // 'GB'
 */
export function countryCode(country: string): string | undefined {
  const trimmed = country.trim()
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase()
    if (COUNTRY_CODES.has(code)) return code
  }
  const name = key(trimmed)
  if (name === '') return undefined
  return englishNames().get(name) ?? otherNames().get(name)
}
