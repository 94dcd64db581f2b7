import { TextField } from '../fields';

export function ContactStep() {
  return (
    <fieldset>
      <legend>Contact details</legend>
      <div className="grid">
        <TextField path="contact.mobileIsd" label="Mobile country code" hint="Digits only, 91 for India" inputMode="numeric" maxLength={5} />
        <TextField path="contact.mobile" label="Mobile number" hint="10 digits" type="tel" inputMode="tel" maxLength={16} />
        <TextField path="contact.email" label="Email" type="email" inputMode="email" maxLength={60} />
      </div>
    </fieldset>
  );
}
