import Foundation
import PatchLabEvidence

/// The decision page's one script, served from `/assets/decision.js` and allowed by the page's
/// Content-Security-Policy by its sha256 (with a matching `integrity` attribute), so the page runs
/// exactly this and nothing else: no inline script, no other source.
///
/// It signs the member's decision *in the browser*: the member picks their private key file, the
/// page reads it locally (`File.text()`), imports it into WebCrypto as a non-extractable Ed25519
/// key, asks the board for the statement to sign (the draft), checks the draft says what the member
/// chose, signs the DSSE pre-authentication encoding, and posts only the signed envelope. The key
/// never leaves the page: no request carries it. Where the browser has no Ed25519 in WebCrypto, the
/// form is disabled and the page points to `patchlab approve --board`.
enum DecisionScript {
    static let path = "/assets/decision.js"

    /// `sha256-BASE64` of the source: the `integrity` attribute of the script element.
    static let integrity: String = {
        let hex = Array(StreamingDigest.sha256(of: Data(source.utf8)).utf8)
        let digest = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        return "sha256-" + Data(digest).base64EncodedString()
    }()

    /// The CSP source expression that allows exactly this script.
    static var hashSource: String { "'\(integrity)'" }

    static let source = #"""
        "use strict";
        (() => {
          const form = document.getElementById("decision-form");
          if (!form) return;
          const status = document.getElementById("decision-status");
          const submit = document.getElementById("submit-decision");
          const say = (text, problem) => {
            status.textContent = text;
            status.className = problem ? "problem" : "notice";
            status.hidden = false;
          };
          const bytes = (text) => new TextEncoder().encode(text);
          const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
          const toBase64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
          const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

          // PEM PKCS#8: exactly one PRIVATE KEY block.
          const privateKeyDER = (pem) => {
            const match = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(pem);
            if (!match) throw new Error("the file holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
            return fromBase64(match[1].replace(/\s+/g, ""));
          };

          // DSSE v1: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes.
          const pae = (payloadType, payload) => {
            const type = bytes(payloadType);
            const head = bytes(`DSSEv1 ${type.length} `);
            const middle = bytes(` ${payload.length} `);
            const out = new Uint8Array(head.length + type.length + middle.length + payload.length);
            out.set(head, 0);
            out.set(type, head.length);
            out.set(middle, head.length + type.length);
            out.set(payload, head.length + type.length + middle.length);
            return out;
          };

          const supportsEd25519 = async () => {
            if (!window.crypto || !crypto.subtle) return false;
            try {
              await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
              return true;
            } catch (error) {
              return false;
            }
          };

          // The public half's keyid (sha256 of the raw 32 bytes, hex), as the board registers it.
          const keyID = async (der) => {
            const extractable = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]);
            const jwk = await crypto.subtle.exportKey("jwk", extractable);
            const raw = fromBase64(jwk.x.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (jwk.x.length % 4)) % 4));
            return hex(await crypto.subtle.digest("SHA-256", raw));
          };

          // A JSON text naming a key twice reads one way here (JSON.parse keeps the last) and another
          // to the board's verifier (it keeps the first): such a draft is refused, never signed.
          const checkStrictJSON = (text) => {
            let i = 0;
            const space = () => { while (i < text.length && " \t\n\r".includes(text[i])) i += 1; };
            const string = () => {
              let out = "";
              i += 1;
              while (i < text.length) {
                const c = text[i];
                i += 1;
                if (c === '"') return out;
                if (c !== "\\") { out += c; continue; }
                const e = text[i];
                i += 1;
                if (e === "u") { out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16)); i += 4; continue; }
                out += ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" })[e] ?? e;
              }
              throw new Error("the draft is not JSON (a string does not end)");
            };
            const value = (depth) => {
              if (depth > 64) throw new Error("the draft is nested too deep");
              space();
              const c = text[i];
              if (c === "{") {
                i += 1;
                const keys = new Set();
                space();
                if (text[i] === "}") { i += 1; return; }
                for (;;) {
                  space();
                  if (text[i] !== '"') throw new Error("the draft is not JSON (expected a key)");
                  const key = string();
                  if (keys.has(key)) throw new Error(`the draft names the key "${key}" twice`);
                  keys.add(key);
                  space();
                  if (text[i] !== ":") throw new Error("the draft is not JSON (expected ':')");
                  i += 1;
                  value(depth + 1);
                  space();
                  const next = text[i];
                  i += 1;
                  if (next === "}") return;
                  if (next !== ",") throw new Error("the draft is not JSON (expected ',' or '}')");
                }
              }
              if (c === "[") {
                i += 1;
                space();
                if (text[i] === "]") { i += 1; return; }
                for (;;) {
                  value(depth + 1);
                  space();
                  const next = text[i];
                  i += 1;
                  if (next === "]") return;
                  if (next !== ",") throw new Error("the draft is not JSON (expected ',' or ']')");
                }
              }
              if (c === '"') { string(); return; }
              const literal = /^(true|false|null|-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 64));
              if (!literal) throw new Error("the draft is not JSON");
              i += literal[0].length;
            };
            value(0);
            space();
            if (i !== text.length) throw new Error("the draft is not JSON (text after it)");
          };

          // Everything the statement says, against what the member chose and what this page knows.
          // Seconds since 2001-01-01 is how the record writes its time (Swift's default date coding).
          const checkDraft = async (draft, statement, chose, mine) => {
            const predicate = statement.predicate || {};
            const same = (a, b) => (a || "").trim() === (b || "").trim();
            const problems = [];
            if (draft.payloadType !== "application/vnd.in-toto+json") problems.push("its payload type");
            if (statement._type !== "https://in-toto.io/Statement/v1") problems.push("its statement type");
            if (statement.predicateType !== "https://patchlab.dev/attestation/change-approval/v1") problems.push("its predicate type");
            if (predicate.decision !== chose.decision) problems.push("the decision");
            if (!same(predicate.comment, chose.comment) || !same(predicate.conditions, chose.conditions)) problems.push("the texts");
            const emergency = predicate.emergency;
            if (chose.emergency ? !emergency || !same(emergency.justification, chose.emergency.justification)
                                  || !same(emergency.incident, chose.emergency.incident) : emergency != null) {
              problems.push("the emergency");
            }
            const approver = predicate.approver || {};
            if (approver.id !== form.dataset.member || approver.keyid !== mine) problems.push("the member");
            const change = predicate.change || {};
            if (change.id !== form.dataset.change || change.runID !== form.dataset.run) problems.push("the change");
            const decided = (Number(predicate.decidedAt) + 978307200) * 1000;
            if (!(Math.abs(Date.now() - decided) <= 10 * 60 * 1000)) problems.push("the time");
            const subject = Array.isArray(statement.subject) && statement.subject.length === 1 ? statement.subject[0] : {};
            const manifest = await fetch(form.dataset.manifest, { credentials: "same-origin" });
            const digest = manifest.ok ? hex(await crypto.subtle.digest("SHA-256", await manifest.arrayBuffer())) : "";
            if (subject.name !== "manifest.json" || !subject.digest || subject.digest.sha256 !== digest) problems.push("the packet");
            if (problems.length) throw new Error(`the board drafted a record that is not what you chose (${problems.join(", ")}); nothing was signed`);
          };

          const field = (name) => (form.elements[name] ? form.elements[name].value : "");
          const csrf = field("csrf");

          const decide = async (event) => {
            event.preventDefault();
            const file = form.elements["key_file"].files[0];
            if (!file) return say("Pick your private key file (PEM) to sign with.", true);
            submit.disabled = true;
            try {
              const der = privateKeyDER(await file.text());
              const key = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
              const mine = await keyID(der);

              const asked = { decision: field("decision"), member: form.dataset.member };
              for (const name of ["conditions", "comment"]) if (field(name).trim()) asked[name] = field(name);
              if (field("justification").trim() || field("incident").trim()) {
                asked.emergency = { justification: field("justification"), incident: field("incident") };
              }
              const draftAnswer = await fetch(form.dataset.draft, {
                method: "POST", credentials: "same-origin", body: JSON.stringify(asked),
                headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
              });
              const draft = await draftAnswer.json().catch(() => ({}));
              if (!draftAnswer.ok) throw new Error(draft.error || `the board answered ${draftAnswer.status}`);

              if (draft.keyid !== mine) throw new Error("that key file is not your registered key; nothing was signed");
              const payload = fromBase64(draft.payload);
              const text = new TextDecoder("utf-8", { fatal: true }).decode(payload);
              checkStrictJSON(text);
              await checkDraft(draft, JSON.parse(text), asked, mine);

              const signature = await crypto.subtle.sign({ name: "Ed25519" }, key, pae(draft.payloadType, payload));
              const envelope = { payloadType: draft.payloadType, payload: draft.payload, signatures: [{ keyid: mine, sig: toBase64(signature) }] };
              const filed = await fetch(form.dataset.file, {
                method: "POST", credentials: "same-origin", body: JSON.stringify(envelope),
                headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
              });
              if (!filed.ok) {
                const problem = await filed.json().catch(() => ({}));
                throw new Error(problem.error || `the board answered ${filed.status}`);
              }
              window.location.assign(form.dataset.done);
              window.location.reload();
            } catch (error) {
              say(`Not recorded: ${error.message}`, true);
              submit.disabled = false;
            }
          };

          supportsEd25519().then((supported) => {
            if (!supported) {
              submit.disabled = true;
              document.getElementById("no-ed25519").hidden = false;
              form.dataset.ready = "unsupported";
              return;
            }
            form.addEventListener("submit", decide);
            submit.disabled = false;
            form.dataset.ready = "yes";
          });
        })();
        """#
}
