/**
 * Who may make 规章 (rules), 《中华人民共和国立法法》(2023) Art. 91 (formerly Art. 80): the 国务院各部、委员会、中国人民
 * 银行、审计署和具有行政管理职能的直属机构; Art. 93 (formerly Art. 82): 省、自治区、直辖市和设区的市、自治州的人民政府.
 * Nobody else — no township, no county or district government, no department of a local government, no
 * development-zone committee — can report 规章 in table 二.
 *
 * Until organisations carry their level (organisation tree), the power is inferred from the name. A name we cannot
 * place gives `null` (unknown), so the rule reports "cannot check" instead of guessing.
 */

const PROVINCIAL = /(省|自治区)人民政府$/;
const MUNICIPALITIES = /^(北京|天津|上海|重庆)市人民政府$/;
const TOWNSHIP = /(乡|镇|街道|街道办事处)(人民政府)?$|苏木|嘎查/;
const COUNTY_LEVEL = /(县|区|旗|特区|林区)人民政府$/;
/** 设区的市 and 自治州. A county-level city (不设区的市) cannot be told apart by name: given the benefit of the doubt. */
const CITY = /(市|自治州|地区|盟)人民政府$/;
const STATE_COUNCIL_BODY = /^(国务院|中华人民共和国|国家|中国人民银行|审计署|海关总署|国家税务总局)|(部|委员会|总局|署)$/;
const LOCAL_PLACE = /(省|自治区|市|州|县|区|旗|乡|镇)/;

/** Whether the named body can make 规章: true, false, or null when the name does not tell. */
export function canMakeRules(organization: string | null): boolean | null {
  if (organization === null) return null;
  const name = organization.replace(/\s+/g, '');
  if (name === '') return null;
  if (TOWNSHIP.test(name)) return false;
  if (PROVINCIAL.test(name) || MUNICIPALITIES.test(name)) return true;
  if (COUNTY_LEVEL.test(name)) return false;
  if (CITY.test(name)) return !/[县区]/.test(name.replace(/(自治区|地区)/g, ''));
  // Departments and committees of local governments (…市教育局, …管理委员会) cannot; State Council bodies can.
  if (LOCAL_PLACE.test(name.replace(/(自治区|委员会|总局)/g, ''))) return false;
  if (STATE_COUNCIL_BODY.test(name)) return true;
  return null;
}
