/**
 * Signing up, logging in and resetting a password.
 * Swedish first; the English strings have exactly the same keys. A page that uses these keys names
 * this catalogue in its route's `handle` (see app/utils/i18n.ts).
 */
const sv = {
  "auth.loginTitle": "Logga in",
  "auth.signupTitle": "Skapa konto",
  "auth.email": "E-post",
  "auth.password": "Lösenord",
  "auth.passwordHint": "Minst 8 och högst 128 tecken.",
  "auth.name": "Ditt namn",
  "auth.login": "Logga in",
  "auth.signup": "Skapa konto",
  "auth.noAccount": "Inget konto? Skapa ett",
  "auth.haveAccount": "Har du redan ett konto? Logga in",
  "auth.invalidCredentials": "Fel e-post eller lösenord.",
  "auth.throttled": "För många misslyckade inloggningar. Vänta en kvart och försök igen.",
  "auth.accountThrottled":
    "För många misslyckade inloggningar på det här kontot just nu. Logga in från en webbläsare där du har loggat in förut, byt lösenord via e-post (Glömt lösenordet?) eller vänta en kvart.",
  "auth.loggedOut": "Du är utloggad.",
  "auth.signupConfirmFirst":
    "När kontot är skapat skickar vi en länk till din e-postadress. Bekräfta adressen med länken innan du registrerar eller företräder en organisation.",
  "auth.signupSentTitle": "Titta i din e-post",
  "auth.signupSent":
    "Vi har skickat ett mejl till adressen du angav. Öppna länken i det för att bekräfta adressen, logga sedan in och registrera din organisation eller be om att få gå med i en befintlig. Syns inget mejl inom några minuter, titta bland skräpposten.",
} as const;

const en: Record<keyof typeof sv, string> = {
  "auth.loginTitle": "Log in",
  "auth.signupTitle": "Sign up",
  "auth.email": "Email",
  "auth.password": "Password",
  "auth.passwordHint": "At least 8 and at most 128 characters.",
  "auth.name": "Your name",
  "auth.login": "Log in",
  "auth.signup": "Sign up",
  "auth.noAccount": "No account? Sign up",
  "auth.haveAccount": "Already have an account? Log in",
  "auth.invalidCredentials": "Wrong email or password.",
  "auth.throttled": "Too many failed logins. Wait fifteen minutes and try again.",
  "auth.accountThrottled":
    "Too many failed logins on this account just now. Log in from a browser you have logged in from before, reset your password by e-mail (Forgot your password?) or wait fifteen minutes.",
  "auth.loggedOut": "You are logged out.",
  "auth.signupConfirmFirst":
    "Once the account is made, we send a link to your e-mail address. Confirm the address with it before you register or act for an organisation.",
  "auth.signupSentTitle": "Check your e-mail",
  "auth.signupSent":
    "We have sent a message to the address you gave. Open the link in it to confirm the address, then log in and register your organisation or ask to join an existing one. If no message arrives within a few minutes, look in your spam folder.",
};

export const signInMessages = { name: "signIn", sv, en } as const;
