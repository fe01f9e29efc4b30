//! Sign-in through the company's OpenID provider (Okta, Entra ID, Google
//! Workspace, Keycloak…): the authorization code flow with PKCE.
//!
//! The protocol work — discovery, the token exchange, the ID token's
//! signature against the provider's keys, its issuer, audience, expiry and
//! nonce — is the `openidconnect` crate's; this module decides what a
//! verified sign-in means here:
//!
//! * [`App::begin_sso`] keeps the sign-in's state (as a hash), nonce and PKCE
//!   verifier in the store with a hash of a cookie for the browser, and
//!   sends the browser to the provider. Any instance behind a load balancer
//!   can finish it.
//! * [`App::finish_sso`] takes that row (once: a replayed callback finds
//!   nothing), checks it came back to the browser that began it, exchanges
//!   the code, verifies the ID token, and only then touches people. A
//!   provider that is down or answers nonsense creates nothing.
//! * A person is known by the provider's subject once linked; the first
//!   time, by their verified email. An email the app does not know is
//!   refused, or (`create_members`) becomes a member. Former people are
//!   refused either way.
//! * The provider's discovery document and keys are kept for an hour; an ID
//!   token signed with a key the app has not seen makes it fetch the keys
//!   again (the provider rotated them), at most once every ten seconds.

mod http;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ladder_store::model::{Access, NewUser, SsoAttempt, User};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJsonWebKeySet, CoreProviderMetadata,
    CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EmptyAdditionalClaims, EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest,
    IdTokenClaims, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RequestTokenError, Scope, SignatureVerificationError, TokenResponse,
};

use http::Http;
pub use http::HttpFailure;

use crate::auth::{Session, new_token, token_hash};
use crate::{App, AppError, Result};

/// The path the provider sends people back to, under the public address.
pub const CALLBACK_PATH: &str = "/auth/sso/callback";
/// How long a sign-in may take at the provider.
const ATTEMPT_MS: i64 = 10 * 60_000;
/// The most sign-ins on their way at once: past it, new ones wait (a flood
/// of starts cannot fill the database; a 5,000-person company signing in
/// all within ten minutes stays well below it).
const MAX_IN_FLIGHT: i64 = 50_000;
/// How long the discovery document and keys are kept.
const REDISCOVER: Duration = Duration::from_secs(3600);
/// How soon discovery is tried again after it failed with a copy in hand.
const RETRY: Duration = Duration::from_secs(60);
/// The least time between two fetches of the keys for an unknown key.
const KEY_REFETCH: Duration = Duration::from_secs(10);

/// How the server signs people in through an OpenID provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoSettings {
    /// The provider's issuer URL (its discovery document is under
    /// `/.well-known/openid-configuration`).
    pub issuer: String,
    /// This app's client id at the provider.
    pub client_id: String,
    /// This app's client secret at the provider.
    pub client_secret: String,
    /// The address people reach the app at; the provider sends them back
    /// to `PUBLIC_URL/auth/sso/callback`.
    pub public_url: String,
    /// What the sign-in button calls the provider ("Okta").
    pub label: String,
    /// Passwords are off: people sign in only through the provider.
    pub only: bool,
    /// An email the app does not know becomes a member at its first
    /// sign-in (otherwise it is refused).
    pub create_members: bool,
}

/// What the sign-in page needs to know of single sign-on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoInfo {
    /// What the button calls the provider.
    pub label: String,
    /// Whether passwords are off.
    pub only: bool,
}

/// A sign-in sent to the provider.
#[derive(Debug, Clone)]
pub struct SsoStart {
    /// Where to send the browser.
    pub url: String,
    /// A secret for a short-lived cookie: only the browser holding it can
    /// finish this sign-in.
    pub browser_secret: String,
}

/// What the provider sent back to the callback (its query string).
#[derive(Debug, Clone, Default)]
pub struct SsoCallback {
    /// The state sent with the sign-in.
    pub state: Option<String>,
    /// The authorization code, on success.
    pub code: Option<String>,
    /// The provider's error code, on failure (`access_denied`…).
    pub error: Option<String>,
    /// The provider's words for it.
    pub error_description: Option<String>,
    /// The issuer that answered, when the provider says (RFC 9207): a
    /// different one means the answer was meant for another provider.
    pub iss: Option<String>,
}

/// The client as discovery makes it: authorization endpoint known, token
/// and user-info endpoints as the provider declares them.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// What the app knows of the provider, and until when.
struct Known {
    metadata: CoreProviderMetadata,
    next_check: Instant,
    keys_fetched: Instant,
}

/// A configured provider.
pub(crate) struct Sso {
    settings: SsoSettings,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: Http,
    known: tokio::sync::RwLock<Option<Arc<Known>>>,
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sso")
            .field("issuer", &self.settings.issuer)
            .field("client_id", &self.settings.client_id)
            .finish_non_exhaustive()
    }
}

/// Whether `url` is on this machine (where plain HTTP is allowed: a
/// provider for development or tests).
fn is_loopback(url: &openidconnect::url::Url) -> bool {
    match url.host() {
        Some(openidconnect::url::Host::Domain(d)) => d == "localhost",
        Some(openidconnect::url::Host::Ipv4(a)) => a.is_loopback(),
        Some(openidconnect::url::Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    }
}

impl Sso {
    /// Checks the settings (no request to the provider yet).
    pub(crate) fn new(settings: SsoSettings) -> Result<Sso> {
        let issuer = IssuerUrl::new(settings.issuer.trim().to_owned()).map_err(|e| {
            AppError::BadRequest(format!(
                "--oidc-issuer `{}` is not a URL ({e}); write the provider's issuer, such as https://example.okta.com",
                settings.issuer
            ))
        })?;
        if issuer.url().scheme() != "https" && !is_loopback(issuer.url()) {
            return Err(AppError::BadRequest(format!(
                "--oidc-issuer `{}` is not https: a sign-in service is only trusted over TLS (plain http is allowed on localhost, for development)",
                settings.issuer
            )));
        }
        if settings.client_id.trim().is_empty() {
            return Err(AppError::BadRequest(
                "--oidc-client-id is empty; give the client id the provider made for this app"
                    .into(),
            ));
        }
        if settings.client_secret.trim().is_empty() {
            return Err(AppError::BadRequest(
                "the client secret is empty; put the secret the provider made for this app in the file --oidc-client-secret-file names (or in LADDER_OIDC_CLIENT_SECRET)".into(),
            ));
        }
        let public = settings.public_url.trim().trim_end_matches('/');
        if !(public.starts_with("https://") || public.starts_with("http://")) {
            return Err(AppError::BadRequest(format!(
                "--public-url `{public}` is not a web address; single sign-on needs it to tell the provider where to send people back (write it as https://ladder.example.com)"
            )));
        }
        let redirect = RedirectUrl::new(format!("{public}{CALLBACK_PATH}")).map_err(|e| {
            AppError::BadRequest(format!("--public-url `{public}` is not a URL ({e})"))
        })?;
        Ok(Sso {
            settings,
            issuer,
            redirect,
            http: Http::new(),
            known: tokio::sync::RwLock::new(None),
        })
    }

    /// What the sign-in page shows.
    pub(crate) fn info(&self) -> SsoInfo {
        SsoInfo {
            label: self.settings.label.clone(),
            only: self.settings.only,
        }
    }

    /// The address the provider must allow as this app's redirect URI.
    pub(crate) fn redirect_url(&self) -> &str {
        self.redirect.as_str()
    }

    fn http(&self) -> impl Fn(HttpRequest) -> HttpCall {
        let http = self.http.clone();
        move |request| {
            let http = http.clone();
            Box::pin(async move { http.call(request).await })
        }
    }

    fn client(&self, metadata: &CoreProviderMetadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    /// The provider's discovery document and keys: kept for an hour; if
    /// fetching them again fails, the copy in hand is used for another
    /// minute before trying again.
    async fn known(&self) -> Result<Arc<Known>> {
        if let Some(k) = self.known.read().await.as_ref()
            && k.next_check > Instant::now()
        {
            return Ok(k.clone());
        }
        let mut slot = self.known.write().await;
        if let Some(k) = slot.as_ref()
            && k.next_check > Instant::now()
        {
            return Ok(k.clone());
        }
        match CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http()).await {
            Ok(metadata) => {
                let now = Instant::now();
                let k = Arc::new(Known {
                    metadata,
                    next_check: now + REDISCOVER,
                    keys_fetched: now,
                });
                *slot = Some(k.clone());
                Ok(k)
            }
            Err(e) => {
                let problem = discovery_problem(self.issuer.as_str(), &e);
                match slot.as_ref() {
                    Some(old) => {
                        tracing::warn!("{problem}; using the copy fetched earlier");
                        let k = Arc::new(Known {
                            metadata: old.metadata.clone(),
                            next_check: Instant::now() + RETRY,
                            keys_fetched: old.keys_fetched,
                        });
                        *slot = Some(k.clone());
                        Ok(k)
                    }
                    None => Err(AppError::Unavailable(problem)),
                }
            }
        }
    }

    /// Fetches the provider's keys again (an ID token named a key the app
    /// has not seen); `None` when they were fetched moments ago.
    async fn refetch_keys(&self, seen: &Known) -> Result<Option<Arc<Known>>> {
        let mut slot = self.known.write().await;
        let current = slot.clone();
        if let Some(k) = &current
            && k.keys_fetched > seen.keys_fetched
        {
            return Ok(Some(k.clone())); // another sign-in just did
        }
        if seen.keys_fetched.elapsed() < KEY_REFETCH {
            return Ok(None);
        }
        let keys = CoreJsonWebKeySet::fetch_async(seen.metadata.jwks_uri(), &self.http())
            .await
            .map_err(|e| {
                AppError::Unavailable(format!(
                    "the sign-in service's keys at {} could not be fetched: {}",
                    seen.metadata.jwks_uri().as_str(),
                    chain(&e)
                ))
            })?;
        let k = Arc::new(Known {
            metadata: seen.metadata.clone().set_jwks(keys),
            next_check: Instant::now() + REDISCOVER,
            keys_fetched: Instant::now(),
        });
        *slot = Some(k.clone());
        Ok(Some(k))
    }
}

type HttpCall = std::pin::Pin<
    Box<
        dyn std::future::Future<
                Output = std::result::Result<openidconnect::HttpResponse, HttpFailure>,
            > + Send,
    >,
>;

/// An error and its causes, in one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = cause.source();
    }
    s
}

fn discovery_problem(issuer: &str, e: &openidconnect::DiscoveryError<HttpFailure>) -> String {
    use openidconnect::DiscoveryError as D;
    let doc = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    match e {
        D::Request(e) => format!(
            "the sign-in service at {issuer} did not answer ({e}); try again in a moment, and tell an admin if it goes on"
        ),
        D::Response(status, _, _) => format!("{doc} answered HTTP {status}"),
        D::Parse(e) => format!("{doc} is not an OpenID discovery document ({e})"),
        D::Validation(e) => format!("{doc} does not describe {issuer} ({e})"),
        other => format!("{doc} could not be read ({})", chain(other)),
    }
}

/// The words for an ID token that failed a check.
fn token_problem(e: &ClaimsVerificationError) -> String {
    use ClaimsVerificationError as C;
    let why = match e {
        C::Expired(_) => "it has expired (is this server's clock right?)".to_owned(),
        C::InvalidAudience(_) => {
            "it was made for another application (its audience is not this app's client id)"
                .to_owned()
        }
        C::InvalidIssuer(_) => "it was issued by another provider".to_owned(),
        C::InvalidNonce(_) => {
            "it does not belong to this sign-in (its nonce does not match)".to_owned()
        }
        C::SignatureVerification(s) => format!("its signature is not the provider's ({s})"),
        other => other.to_string(),
    };
    format!(
        "The sign-in service's ID token was refused: {why}. Start again from the sign-in page; if it keeps happening, tell an admin."
    )
}

/// Who the provider says signed in.
struct Identity {
    subject: String,
    email: Option<String>,
    email_verified: Option<bool>,
    name: Option<String>,
}

impl Identity {
    fn from_claims(c: &IdTokenClaims<EmptyAdditionalClaims, CoreGenderClaim>) -> Identity {
        Identity {
            subject: c.subject().as_str().to_owned(),
            email: c.email().map(|e| e.as_str().to_owned()),
            email_verified: c.email_verified(),
            name: c
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
        }
    }
}

impl App {
    /// Single sign-on as configured, for the sign-in page (none without it).
    pub fn sso_info(&self) -> Option<SsoInfo> {
        self.sso.as_deref().map(Sso::info)
    }

    /// The redirect URI to register at the provider, when configured.
    pub fn sso_redirect_url(&self) -> Option<&str> {
        self.sso.as_deref().map(Sso::redirect_url)
    }

    /// Refuses when passwords are off (sign-in only through the provider):
    /// password sign-in, changes, invites and reset links.
    pub(crate) fn passwords_on(&self) -> Result<()> {
        match &self.sso {
            Some(s) if s.settings.only => Err(AppError::BadRequest(format!(
                "this server signs people in through {} only; passwords are off",
                s.settings.label
            ))),
            _ => Ok(()),
        }
    }

    fn sso(&self) -> Result<&Sso> {
        self.sso.as_deref().ok_or(AppError::NotFound(
            "single sign-on (the server was started without --oidc-issuer)",
        ))
    }

    /// Starts a sign-in at the provider: where to send the browser, and the
    /// secret its cookie must carry back.
    pub async fn begin_sso(&self) -> Result<SsoStart> {
        let sso = self.sso()?;
        if self.store.sso_in_flight().await? >= MAX_IN_FLIGHT {
            return Err(AppError::Unavailable(
                "too many sign-ins are under way at once; try again in a minute".into(),
            ));
        }
        let known = sso.known().await?;
        let client = sso.client(&known.metadata);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let browser_secret = new_token("");
        let now = ladder_store::now_ms();
        self.store
            .begin_sso(&SsoAttempt {
                state_hash: token_hash(state.secret()),
                browser_hash: token_hash(&browser_secret),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                created_at: now,
                expires_at: now + ATTEMPT_MS,
            })
            .await?;
        Ok(SsoStart {
            url: url.to_string(),
            browser_secret,
        })
    }

    /// Finishes a sign-in the provider sent back: checks it, and opens a
    /// session for the person it names.
    pub async fn finish_sso(
        &self,
        back: SsoCallback,
        browser_secret: Option<&str>,
    ) -> Result<Session> {
        let sso = self.sso()?;
        let again = "start again from the sign-in page";
        let state = back
            .state
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                AppError::BadRequest(format!("the sign-in came back without its state; {again}"))
            })?;
        let attempt = self
            .store
            .take_sso(&token_hash(state))
            .await?
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "this sign-in was already used, or was not started here; {again}"
                ))
            })?;
        if browser_secret.map(token_hash).as_deref() != Some(attempt.browser_hash.as_str()) {
            return Err(AppError::BadRequest(format!(
                "this sign-in was started in another browser (or its cookie was blocked); {again} in this browser"
            )));
        }
        if attempt.expires_at < ladder_store::now_ms() {
            return Err(AppError::BadRequest(format!(
                "this sign-in took more than {} minutes at the sign-in service; {again}",
                ATTEMPT_MS / 60_000
            )));
        }
        if let Some(iss) = back.iss.as_deref()
            && iss.trim_end_matches('/') != sso.issuer.as_str().trim_end_matches('/')
        {
            return Err(AppError::SignInRefused(format!(
                "the sign-in came back from {iss}, not from {}; {again}",
                sso.issuer.as_str()
            )));
        }
        if let Some(error) = back.error {
            let words = back
                .error_description
                .map_or_else(String::new, |d| format!(": {d}"));
            return Err(AppError::SignInRefused(format!(
                "{} did not sign you in ({error}{words})",
                sso.settings.label
            )));
        }
        let code = back.code.filter(|c| !c.is_empty()).ok_or_else(|| {
            AppError::BadRequest(format!("the sign-in came back without a code; {again}"))
        })?;
        let identity = self.verify_code(sso, code, &attempt).await?;
        self.sso_person(sso, identity).await
    }

    /// Exchanges the code and verifies the ID token (and its access-token
    /// hash); falls back on the user-info endpoint for an email the ID
    /// token does not carry.
    async fn verify_code(&self, sso: &Sso, code: String, attempt: &SsoAttempt) -> Result<Identity> {
        let mut known = sso.known().await?;
        let client = sso.client(&known.metadata);
        let label = &sso.settings.label;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| {
                AppError::Unavailable(format!(
                    "{label} declares no token endpoint ({e}); the code flow needs one"
                ))
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(attempt.pkce_verifier.clone()))
            .request_async(&sso.http())
            .await
            .map_err(|e| match e {
                RequestTokenError::ServerResponse(r) => AppError::SignInRefused(format!(
                    "{label} refused to finish the sign-in ({}{}); start again from the sign-in page",
                    r.error().as_ref(),
                    r.error_description()
                        .map_or_else(String::new, |d| format!(": {d}"))
                )),
                RequestTokenError::Request(e) => AppError::Unavailable(format!(
                    "the sign-in service at {} did not answer ({e}); try again in a moment",
                    sso.settings.issuer
                )),
                other => AppError::Unavailable(format!(
                    "the sign-in service's token answer could not be read ({})",
                    chain(&other)
                )),
            })?;
        let id_token = tokens.id_token().ok_or_else(|| {
            AppError::Unavailable(format!(
                "{label} answered without an ID token; is `openid` among the scopes allowed for this app?"
            ))
        })?;
        let nonce = Nonce::new(attempt.nonce.clone());
        let claims = loop {
            let client = sso.client(&known.metadata);
            let verifier = client.id_token_verifier();
            match id_token.claims(&verifier, &nonce) {
                Ok(claims) => {
                    if let Some(expected) = claims.access_token_hash() {
                        let alg = id_token.signing_alg().map_err(|e| {
                            AppError::SignInRefused(token_problem(
                                &ClaimsVerificationError::SignatureVerification(e),
                            ))
                        })?;
                        let key = id_token.signing_key(&verifier).map_err(|e| {
                            AppError::SignInRefused(token_problem(
                                &ClaimsVerificationError::SignatureVerification(e),
                            ))
                        })?;
                        let actual =
                            AccessTokenHash::from_token(tokens.access_token(), alg, key).map_err(
                                |e| {
                                    AppError::SignInRefused(format!(
                                        "The sign-in service's access token could not be checked against its ID token ({e}); start again from the sign-in page."
                                    ))
                                },
                            )?;
                        if actual != *expected {
                            return Err(AppError::SignInRefused(
                                "The sign-in service's access token does not belong to its ID token; start again from the sign-in page.".into(),
                            ));
                        }
                    }
                    break Identity::from_claims(claims);
                }
                Err(ClaimsVerificationError::SignatureVerification(
                    SignatureVerificationError::NoMatchingKey,
                )) => match sso.refetch_keys(&known).await? {
                    Some(fresh) if fresh.keys_fetched > known.keys_fetched => known = fresh,
                    _ => {
                        return Err(AppError::SignInRefused(token_problem(
                            &ClaimsVerificationError::SignatureVerification(
                                SignatureVerificationError::NoMatchingKey,
                            ),
                        )));
                    }
                },
                Err(e) => return Err(AppError::SignInRefused(token_problem(&e))),
            }
        };
        if claims.email.is_some() {
            return Ok(claims);
        }
        // Some providers put the email only behind the user-info endpoint.
        let client = sso.client(&known.metadata);
        let Ok(request) = client.user_info(
            tokens.access_token().clone(),
            Some(openidconnect::SubjectIdentifier::new(
                claims.subject.clone(),
            )),
        ) else {
            return Ok(claims);
        };
        let info: CoreUserInfoClaims = request.request_async(&sso.http()).await.map_err(|e| {
            AppError::Unavailable(format!(
                "{label}'s user-info endpoint did not give the email ({})",
                chain(&e)
            ))
        })?;
        Ok(Identity {
            email: info.email().map(|e| e.as_str().to_owned()),
            email_verified: info.email_verified(),
            name: claims.name.or_else(|| {
                info.name()
                    .and_then(|n| n.get(None))
                    .map(|n| n.as_str().to_owned())
            }),
            subject: claims.subject,
        })
    }

    /// The person a verified sign-in names: linked before, found by email,
    /// or made a member; a session for them.
    async fn sso_person(&self, sso: &Sso, who: Identity) -> Result<Session> {
        let label = &sso.settings.label;
        let issuer = sso.issuer.as_str();
        let refuse_former = |u: &User| {
            if u.is_active() {
                Ok(())
            } else {
                Err(AppError::SignInRefused(format!(
                    "{} is marked as having left; ask an admin to bring the account back",
                    u.email
                )))
            }
        };
        if let Some(user) = self.store.sso_user(issuer, &who.subject).await? {
            refuse_former(&user)?;
            return self.open_session(user).await;
        }
        let email = who.email.filter(|e| e.contains('@')).ok_or_else(|| {
            AppError::SignInRefused(format!(
                "{label} did not give an email address for this account; allow the `email` scope for this app at {label}"
            ))
        })?;
        if who.email_verified == Some(false) {
            return Err(AppError::SignInRefused(format!(
                "{label} says {email} is not verified; verify it there and sign in again"
            )));
        }
        let user = match self.store.user_by_email(&email).await? {
            Some(user) => {
                refuse_former(&user)?;
                self.store.link_sso(user.id, issuer, &who.subject).await?;
                user
            }
            None if sso.settings.create_members => {
                let name = who
                    .name
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
                let new = NewUser {
                    email: email.clone(),
                    name: name.trim().to_owned(),
                    password_hash: String::new(),
                    access: Access::Member,
                    team_id: None,
                    manager_id: None,
                    ladder_role: None,
                };
                self.store
                    .create_sso_user(new, issuer, &who.subject)
                    .await?
            }
            None => {
                return Err(AppError::SignInRefused(format!(
                    "{email} signed in at {label}, but has no account here; ask an admin to add you"
                )));
            }
        };
        self.open_session(user).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(issuer: &str) -> SsoSettings {
        SsoSettings {
            issuer: issuer.into(),
            client_id: "ladder".into(),
            client_secret: "s3cret".into(),
            public_url: "https://ladder.example.com/".into(),
            label: "Okta".into(),
            only: false,
            create_members: false,
        }
    }

    fn refusal(s: SsoSettings) -> String {
        match Sso::new(s) {
            Err(AppError::BadRequest(why)) => why,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn settings_are_checked_before_any_request() {
        let ok = Sso::new(settings("https://example.okta.com")).unwrap();
        assert_eq!(
            ok.redirect_url(),
            "https://ladder.example.com/auth/sso/callback"
        );
        // Plain http only on this machine.
        assert!(Sso::new(settings("http://127.0.0.1:9000")).is_ok());
        assert!(Sso::new(settings("http://localhost:9000")).is_ok());
        assert!(refusal(settings("http://idp.example.com")).contains("is not https"));
        assert!(refusal(settings("not a url")).contains("is not a URL"));
        let mut s = settings("https://example.okta.com");
        s.client_secret = " \n".into();
        assert!(refusal(s).contains("the client secret is empty"));
        let mut s = settings("https://example.okta.com");
        s.client_id = String::new();
        assert!(refusal(s).contains("--oidc-client-id is empty"));
        let mut s = settings("https://example.okta.com");
        s.public_url = "ladder.example.com".into();
        assert!(refusal(s).contains("--public-url `ladder.example.com` is not a web address"));
    }

    #[test]
    fn token_refusals_say_which_check_failed() {
        use ClaimsVerificationError as C;
        let cases = [
            (C::Expired("x".into()), "it has expired"),
            (
                C::InvalidAudience("x".into()),
                "made for another application",
            ),
            (C::InvalidIssuer("x".into()), "issued by another provider"),
            (C::InvalidNonce("x".into()), "its nonce does not match"),
            (
                C::SignatureVerification(SignatureVerificationError::NoMatchingKey),
                "its signature is not the provider's",
            ),
        ];
        for (e, words) in cases {
            let text = token_problem(&e);
            assert!(text.contains(words), "{text}");
            assert!(text.contains("Start again from the sign-in page"), "{text}");
        }
    }
}
