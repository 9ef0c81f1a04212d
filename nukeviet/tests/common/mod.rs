//! A throwaway MariaDB for the importer's tests: a data directory in a
//! temporary folder, a Unix socket, no network, no service; started by the
//! test, stopped by the process handle it started (never by name).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct MariaDb {
    pub dir: PathBuf,
    pub socket: PathBuf,
    server: Child,
}

fn tool(name: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"] {
        let path = Path::new(dir).join(name);
        if path.exists() {
            return path;
        }
    }
    panic!("{name} is not installed: scripts/setup installs mariadb-server-core and mariadb-client-core");
}

impl MariaDb {
    /// Installs a data directory and starts the server; ready when it
    /// answers on its socket.
    pub fn start(name: &str) -> MariaDb {
        let dir = std::env::temp_dir().join(format!("nv-mariadb-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let data = dir.join("data");
        let socket = dir.join("sock");
        // Its own temporary folder: servers installed at once must share
        // nothing (in /tmp, one install's cleanup took another's file).
        let tmp = dir.join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let root = running_as_root();
        let mut install = Command::new(tool("mariadb-install-db"));
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg("--auth-root-authentication-method=normal")
            .arg("--skip-test-db")
            .arg(format!("--tmpdir={}", tmp.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if root {
            install.arg("--user=root");
        }
        let out = install.output().expect("mariadb-install-db");
        assert!(
            out.status.success(),
            "mariadb-install-db: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut server = Command::new(tool("mariadbd"));
        server
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg("--skip-networking")
            .arg(format!("--tmpdir={}", tmp.display()))
            .arg(format!("--pid-file={}", dir.join("pid").display()))
            .arg(format!("--log-error={}", dir.join("err.log").display()))
            .arg("--innodb-buffer-pool-size=64M")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if root {
            server.arg("--user=root");
        }
        let server = server.spawn().expect("mariadbd");
        let mut db = MariaDb {
            dir,
            socket,
            server,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if db.sql_root("", "SELECT 1").is_ok() {
                break;
            }
            if let Ok(Some(status)) = db.server.try_wait() {
                panic!(
                    "mariadbd exited ({status}): {}",
                    std::fs::read_to_string(db.dir.join("err.log")).unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "mariadbd did not answer in 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        db
    }

    /// Runs `sql` as root in `database` ("" for none).
    pub fn sql_root(&self, database: &str, sql: &str) -> Result<String, String> {
        let mut cmd = Command::new(tool("mariadb"));
        cmd.arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .arg("-uroot")
            .arg("--batch")
            .arg("--skip-column-names")
            .arg("--default-character-set=utf8mb4");
        if !database.is_empty() {
            cmd.arg(database);
        }
        let out = cmd
            .arg("-e")
            .arg(sql)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        match out.status.success() {
            true => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
            false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
        }
    }

    /// Creates `database` and loads `files` into it with the one loader
    /// the fixtures are written for (scripts/lib/mariadb.sh: it refuses
    /// warnings, and writes the bytes SQL cannot, see EXPECTED.md).
    pub fn load(&self, database: &str, files: &[&Path]) {
        let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/lib/mariadb.sh");
        let out = Command::new("bash")
            .arg("-c")
            .arg("source \"$MARIADB_LIBRARY\" && mariadb_load \"$@\"")
            .arg("mariadb_load")
            .arg(database)
            .args(files)
            .env("MARIADB_SOCKET", &self.socket)
            .env("MARIADB_LIBRARY", &library)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mariadb_load: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A user who may only read `database`: what the README grants.
    pub fn reader(&self, database: &str) -> String {
        self.sql_root(
            "",
            &format!(
                "CREATE USER IF NOT EXISTS 'doc'@'localhost' IDENTIFIED BY 'chi-doc'; \
                 GRANT SELECT ON `{database}`.* TO 'doc'@'localhost';"
            ),
        )
        .unwrap();
        format!("mysql://doc:chi-doc@localhost/{database}")
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        // The process this test started, by its handle: SIGKILL is safe for
        // a throwaway data directory.
        let _ = self.server.kill();
        let _ = self.server.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether the tests run as root (mariadbd then needs `--user=root`).
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}
