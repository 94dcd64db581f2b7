/**
 * The Training CDP's own master data, the lists its onboarding checks codes against (45053): ISO
 * 3166-1 alpha-2 countries, the id types and address types the seed's example uses, and genders.
 * The real CDP's lists are longer and the vendor's; an admin keeps KYC Desk's copies in the UAE
 * record kind's code lists. Only the lists the sandbox checks are here.
 */
const ISO_COUNTRIES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const CDP_SANDBOX_COUNTRIES: ReadonlySet<string> = new Set(ISO_COUNTRIES.split(' '));

/** id_type codes: 2 passport, 4 Emirates ID (the seed's example). */
export const CDP_SANDBOX_ID_TYPES: ReadonlySet<number> = new Set([2, 4]);

/** address_type_id codes: 1 home in the UAE, 2 home country (the seed's example). */
export const CDP_SANDBOX_ADDRESS_TYPES: ReadonlySet<string> = new Set(['1', '2']);

export const CDP_SANDBOX_GENDERS: ReadonlySet<string> = new Set(['Male', 'Female']);
