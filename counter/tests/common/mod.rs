//! The service as a reader's browser meets it: the real binary, started on
//! a free port, asked over HTTP, stopped by the handle it was started with.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Counter {
    pub child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
}

impl Counter {
    /// Starts `portal-counter` with `args` (and `--listen 127.0.0.1:0`);
    /// ready once it printed the address it listens on.
    pub fn start(args: &[&str]) -> Counter {
        let mut child = Command::new(env!("CARGO_BIN_EXE_portal-counter"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("portal-counter");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Counter { child, address }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.address, path.trim_start_matches('/'))
    }

    /// SIGKILL, by the handle: what a crash or `kill -9` does.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An answer: status, headers (lower-case names), body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {self:?}"))
    }
}

/// Sends `head` (request line and headers, without the blank line) and
/// `body` as they are, over a fresh connection: the hostile tests need
/// bodies and headers no client library would send.
pub fn raw(address: &str, head: &str, body: &[u8]) -> Answer {
    // Refused (a killed service): status 0.
    let Ok(mut stream) = TcpStream::connect(address) else {
        return parse(b"");
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = head.replace('\n', "\r\n").into_bytes();
    request.extend_from_slice(b"\r\nconnection: close\r\n\r\n");
    request.extend_from_slice(body);
    // The service may answer (413) and close before the body is all sent.
    let _ = stream.write_all(&request);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A JSON POST as the app sends it, from `client` (the address the proxy
/// header names, when the service trusts `x-client-ip`).
pub fn post(address: &str, path: &str, json: &str, client: &str) -> Answer {
    raw(
        address,
        &format!(
            "POST /{path} HTTP/1.1\nhost: {address}\ncontent-type: application/json\n\
             content-length: {}\nx-client-ip: {client}",
            json.len()
        ),
        json.as_bytes(),
    )
}

pub fn get(address: &str, path: &str, client: &str) -> Answer {
    raw(
        address,
        &format!("GET /{path} HTTP/1.1\nhost: {address}\nx-client-ip: {client}"),
        b"",
    )
}

/// A vote's body.
pub fn vote(stars: u8, id: &str) -> String {
    format!(r#"{{"stars":{stars},"vote_id":"{id}"}}"#)
}

/// A fresh folder for a test's files.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("portal-counter-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The repository's embedded endpoint.
pub fn embedded_api() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
}
