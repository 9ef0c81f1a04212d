//! A real HTTP server on loopback for the tests of a live endpoint, whose
//! answers a test decides: an endpoint that fails, stalls, grows without end.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// An answer: status and body.
pub type Answer = (u16, Vec<u8>);

pub struct Server {
    pub base: String,
    /// Every request target asked for, in order.
    pub asked: Arc<Mutex<Vec<String>>>,
}

/// Starts a server that answers each request's target (`/articles.json`)
/// with `answer`; it runs until the test process ends.
pub fn start(answer: impl Fn(&str) -> Answer + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let asked = Arc::new(Mutex::new(Vec::new()));
    let answer = Arc::new(answer);
    let log = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (answer, log) = (answer.clone(), log.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                // The headers, up to the blank line.
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                        break;
                    }
                }
                log.lock().unwrap().push(target.clone());
                let (status, body) = answer(&target);
                let mut stream = stream;
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    Server { base, asked }
}

/// The embedded endpoint's file at `target`, or 404.
pub fn embedded(target: &str) -> Answer {
    let path = super::embedded_api().join(target.trim_start_matches('/'));
    match std::fs::read(path) {
        Ok(bytes) => (200, bytes),
        Err(_) => (404, b"{}".to_vec()),
    }
}
