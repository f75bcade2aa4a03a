/**
 * E-mail verification, two-step login, sessions and the audit log.
 * Swedish first; the English strings have exactly the same keys. A page that uses these keys names
 * this catalogue in its route's `handle` (see app/utils/i18n.ts).
 */
const sv = {
  "security.busy": "Servern har mycket att göra just nu. Försök igen om några sekunder.",
  "security.signupThrottled": "För många nya konton från din adress. Försök igen om en timme.",
  "security.resetThrottled": "För många försök att byta lösenord från din adress. Försök igen om en kvart.",
  "security.signupExistingSubject": "Någon försökte skapa ett konto med din e-postadress",
  "security.signupExistingText":
    "Någon, kanske du, försökte just skapa ett konto hos Social Trade Lund med den här e-postadressen. Du har redan ett konto. Logga in på {login}, eller byt lösenord på {reset} om du har glömt det. Var det inte du behöver du inte göra något: ingen kan logga in med ditt konto utan ditt lösenord.",
  "security.tooManyOfferings": "Organisationen har redan 50 erbjudanden, det högsta antalet. Ta bort eller slå ihop något först.",
  "security.tooManyCapacityLines":
    "Erbjudandet har redan 20 kapacitetsrader, det högsta antalet. Ta bort eller slå ihop rader först.",
  "security.verifyEmailMail": "Bekräfta din e-postadress för Social Trade Lund genom att öppna länken",
  "security.verifyEmailFirst":
    "Bekräfta din e-postadress först: öppna länken i mejlet vi skickade. En ny länk kan du beställa under Konto.",
  "security.verifyTitle": "Bekräfta e-postadressen",
  "security.verifyIntro":
    "Innan du kan företräda en organisation behöver du bekräfta att e-postadressen är din. Vi har skickat en länk till {email}.",
  "security.verifyResend": "Skicka en ny länk",
  "security.verifySent": "En ny länk är skickad. Den gäller i 48 timmar.",
  "security.verifyDone": "Din e-postadress är bekräftad.",
  "security.verifyAlready": "Din e-postadress är redan bekräftad.",
  "security.verifyInvalid": "Länken gäller inte längre. Logga in och beställ en ny under Konto.",
  "security.accountTitle": "Konto och integritet",
  "security.navAccount": "Konto",
  "security.sessionsTitle": "Inloggningar",
  "security.sessionsCount": "Du är inloggad på {count} ställen (webbläsare eller enheter).",
  "security.logoutEverywhere": "Logga ut överallt",
  "security.loggedOutEverywhere": "Du är utloggad på alla enheter.",
  "security.exportTitle": "Dina uppgifter",
  "security.exportIntro": "Hämta allt vi sparar om dig personligen som en JSON-fil.",
  "security.exportDownload": "Hämta mina uppgifter (JSON)",
  "security.deleteTitle": "Radera kontot",
  "security.deleteIntro":
    "Kontot, dina inloggningar, medlemskap och aviseringar raderas. Det du skrivit för en organisation finns kvar och visas som skrivet av en tidigare medlem.",
  "security.deletePassword": "Ditt lösenord, för att bekräfta",
  "security.deleteConfirm": "Radera mitt konto för alltid",
  "security.deleted": "Ditt konto är raderat.",
  "security.wrongPassword": "Fel lösenord.",
  "security.formerMember": "en tidigare medlem",
  "security.privacyTitle": "Integritet och personuppgifter",
  "security.privacyWho":
    "Personuppgiftsansvarig är Lunds kommun, som driver Social Trade Lund tillsammans med Coompanion Skåne och Skoopi Skåne.",
  "security.privacyWhat":
    "Vi sparar ditt namn, din e-postadress, ett lösenord i hashad form, vilka organisationer du tillhör och de ändringar du gör. Inloggningar sparas som ett hashvärde i högst 30 dagar. Misslyckade inloggningar och nya konton räknas per IP-adress i högst en timme för att stoppa angrepp.",
  "security.privacyWhy":
    "Uppgifterna behövs för att du ska kunna företräda din organisation i nätverket (allmänt intresse och avtal). Organisationers uppgifter är offentliga i katalogen; dina personliga uppgifter är det inte.",
  "security.privacyRights":
    "Du kan när som helst hämta dina uppgifter eller radera ditt konto under Konto. Du kan också begära rättelse eller klaga hos Integritetsskyddsmyndigheten (IMY).",
  "security.privacyCookies":
    "Vi använder bara nödvändiga kakor: inloggningen, ett märke på webbläsare där du har loggat in (så att ingen kan låsa ute dig genom att gissa ditt lösenord någon annanstans), språkval och korta meddelanden efter en ändring. Inga kakor för statistik eller reklam.",
  "security.accessibilityTitle": "Tillgänglighetsredogörelse",
  "security.accessibilityIntro":
    "Lunds kommun står bakom Social Trade Lund. Vi vill att så många som möjligt ska kunna använda webbplatsen, enligt lagen (2018:1937) om tillgänglighet till digital offentlig service.",
  "security.accessibilityStatus":
    "Webbplatsen är utformad för att uppfylla WCAG 2.1 nivå AA. Varje sida testas automatiskt med axe, med tangentbord och utan JavaScript, och fungerar på mobilens smala skärm.",
  "security.accessibilityKnown":
    "Kända brister: uppladdade logotyper har en textbeskrivning med organisationens namn men ingen beskrivning av bilden.",
  "security.accessibilityContact":
    "Om du inte kan använda någon del av webbplatsen, kontakta Lunds kommun så hjälper vi dig. Du kan också anmäla till Myndigheten för digital förvaltning (DIGG).",
  "security.auditTitle": "Ändringslogg",
  "security.auditIntro":
    "Vem som ändrat vad och när, för organisationer, roller, förfrågningar och anbud. Loggen går inte att ändra.",
  "security.auditWhen": "När",
  "security.auditWho": "Vem",
  "security.auditWhat": "Vad",
  "security.auditOrganisation": "Organisation",
  "security.auditEmpty": "Inga ändringar loggade ännu.",
} as const;

const en: Record<keyof typeof sv, string> = {
  "security.busy": "The server is very busy right now. Try again in a few seconds.",
  "security.signupThrottled": "Too many new accounts from your address. Try again in an hour.",
  "security.resetThrottled": "Too many attempts to reset a password from your address. Try again in 15 minutes.",
  "security.signupExistingSubject": "Someone tried to sign up with your e-mail address",
  "security.signupExistingText":
    "Someone, perhaps you, just tried to sign up for Social Trade Lund with this e-mail address. You already have an account. Log in at {login}, or reset your password at {reset} if you have forgotten it. If it was not you, you need not do anything: nobody can log in to your account without your password.",
  "security.tooManyOfferings": "The organisation already has 50 offerings, the most allowed. Remove or merge one first.",
  "security.tooManyCapacityLines": "The offering already has 20 capacity lines, the most allowed. Remove or merge lines first.",
  "security.verifyEmailMail": "Confirm your e-mail address for Social Trade Lund by opening the link",
  "security.verifyEmailFirst":
    "Confirm your e-mail address first: open the link in the e-mail we sent. You can ask for a new link under Account.",
  "security.verifyTitle": "Confirm your e-mail address",
  "security.verifyIntro":
    "Before you can act for an organisation, confirm that the e-mail address is yours. We sent a link to {email}.",
  "security.verifyResend": "Send a new link",
  "security.verifySent": "A new link is on its way. It is valid for 48 hours.",
  "security.verifyDone": "Your e-mail address is confirmed.",
  "security.verifyAlready": "Your e-mail address is already confirmed.",
  "security.verifyInvalid": "The link is no longer valid. Log in and ask for a new one under Account.",
  "security.accountTitle": "Account and privacy",
  "security.navAccount": "Account",
  "security.sessionsTitle": "Sign-ins",
  "security.sessionsCount": "You are signed in in {count} places (browsers or devices).",
  "security.logoutEverywhere": "Log out everywhere",
  "security.loggedOutEverywhere": "You are logged out on every device.",
  "security.exportTitle": "Your data",
  "security.exportIntro": "Download everything we keep about you personally as a JSON file.",
  "security.exportDownload": "Download my data (JSON)",
  "security.deleteTitle": "Delete the account",
  "security.deleteIntro":
    "Your account, sign-ins, memberships and notifications are deleted. What you wrote for an organisation stays, shown as written by a former member.",
  "security.deletePassword": "Your password, to confirm",
  "security.deleteConfirm": "Delete my account for good",
  "security.deleted": "Your account is deleted.",
  "security.wrongPassword": "Wrong password.",
  "security.formerMember": "a former member",
  "security.privacyTitle": "Privacy and personal data",
  "security.privacyWho":
    "The controller is Lund municipality, which runs Social Trade Lund together with Coompanion Skåne and Skoopi Skåne.",
  "security.privacyWhat":
    "We keep your name, your e-mail address, a hash of your password, the organisations you belong to and the changes you make. Sign-ins are kept as a hash for at most 30 days. Failed logins and new accounts are counted per IP address for at most an hour to stop attacks.",
  "security.privacyWhy":
    "The data is needed for you to act for your organisation in the network (public interest and contract). Organisations' details are public in the directory; your personal data is not.",
  "security.privacyRights":
    "You can download your data or delete your account at any time under Account. You can also ask for corrections or complain to the Swedish Authority for Privacy Protection (IMY).",
  "security.privacyCookies":
    "We only use necessary cookies: your sign-in, a mark on browsers you have logged in from (so that nobody can lock you out by guessing your password elsewhere), your language and short messages after a change. No cookies for statistics or advertising.",
  "security.accessibilityTitle": "Accessibility statement",
  "security.accessibilityIntro":
    "Lund municipality stands behind Social Trade Lund. We want as many people as possible to be able to use the site, as the Swedish act (2018:1937) on accessibility to digital public services requires.",
  "security.accessibilityStatus":
    "The site is designed to meet WCAG 2.1 level AA. Every page is tested automatically with axe, with the keyboard and without JavaScript, and works on a phone's narrow screen.",
  "security.accessibilityKnown":
    "Known shortcomings: uploaded logos are described by the organisation's name, not by what the image shows.",
  "security.accessibilityContact":
    "If you cannot use any part of the site, contact Lund municipality and we will help you. You can also report it to the Agency for Digital Government (DIGG).",
  "security.auditTitle": "Change log",
  "security.auditIntro": "Who changed what and when, for organisations, roles, requests and bids. The log cannot be changed.",
  "security.auditWhen": "When",
  "security.auditWho": "Who",
  "security.auditWhat": "What",
  "security.auditOrganisation": "Organisation",
  "security.auditEmpty": "No changes logged yet.",
};

export const securityMessages = { name: "security", sv, en } as const;
