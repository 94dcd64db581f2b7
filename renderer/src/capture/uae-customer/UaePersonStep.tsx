import { CheckField, DateField, SelectField, TextField } from '../fields';
import { optionsOf, useUaeListsInForce } from './options';

/** Who the customer is, as their ids say: names, nationality, birth, residence, occupation and PEP. */
export function UaePersonStep() {
  useUaeListsInForce();
  return (
    <>
      <div className="grid">
        <SelectField path="salutation" options={optionsOf('salutations')} />
        <TextField path="firstName" autoCapitalize="characters" />
        <TextField path="middleName" autoCapitalize="characters" />
        <TextField path="lastName" autoCapitalize="characters" />
        <TextField path="preferredName" hint="Only if the customer goes by another name." autoCapitalize="characters" />
        <SelectField path="gender" options={optionsOf('genders')} />
        <DateField path="dateOfBirth" />
        <TextField path="mothersMaidenName" autoCapitalize="characters" />
      </div>
      <div className="grid">
        <SelectField path="nationality" options={optionsOf('countries')} />
        <SelectField path="secondNationality" options={optionsOf('countries')} hint="Only for a dual national." />
        <SelectField path="countryOfBirth" options={optionsOf('countries')} />
        <TextField path="placeOfBirth" />
        <SelectField path="nativeRegion" options={optionsOf('native-regions')} />
        <SelectField path="residentType" options={optionsOf('resident-types')} />
        <SelectField path="countryOfResidence" options={optionsOf('countries')} />
        <SelectField path="occupation" options={optionsOf('occupations')} />
      </div>
      <CheckField path="pep" label="The customer is a politically exposed person (PEP)" />
    </>
  );
}

/** How to reach the customer: mobiles and phone with their country code (E.164), e-mail. */
export function UaeContactStep() {
  const hint = 'With + and the country code, like +971501234567.';
  return (
    <div className="grid">
      <TextField path="primaryMobile" type="tel" inputMode="tel" hint={hint} />
      <TextField path="secondaryMobile" type="tel" inputMode="tel" hint={`Optional. ${hint}`} />
      <TextField path="email" type="email" inputMode="email" hint="Optional." />
      <TextField path="phone" type="tel" inputMode="tel" hint={`Optional landline. ${hint}`} />
    </div>
  );
}
