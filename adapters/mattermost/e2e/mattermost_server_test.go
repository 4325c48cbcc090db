package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// mattermostServer is a Mattermost server on a free loopback port.
type mattermostServer struct {
	url  string
	proc *proc
	// what started it, to start it again on the same port and data
	bin, dir string
	pg       *postgres
	port     int
}

// startMattermost starts the server binary with its state in dir and its
// database in pg, configured through the environment as a test server:
// loopback only, bot accounts and integrations on loopback allowed, no
// web app, plugins, e-mail or calls home.
func startMattermost(bin, dir string, pg *postgres) (*mattermostServer, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	for _, d := range []string{"data", "plugins", "client/plugins"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	s := &mattermostServer{url: "http://127.0.0.1:" + strconv.Itoa(port), bin: bin, dir: dir, pg: pg, port: port}
	return s, s.launch()
}

// launch starts the server process and waits until it answers.
func (s *mattermostServer) launch() error {
	bin, dir, pg, port, url := s.bin, s.dir, s.pg, s.port, s.url
	cmd := exec.Command(bin, "server", "--config", filepath.Join(dir, "config.json"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"MM_SQLSETTINGS_DRIVERNAME=postgres",
		"MM_SQLSETTINGS_DATASOURCE="+pg.dsn(),
		"MM_SERVICESETTINGS_SITEURL="+url,
		"MM_SERVICESETTINGS_LISTENADDRESS=127.0.0.1:"+strconv.Itoa(port),
		"MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION=true",
		"MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS=true",
		"MM_SERVICESETTINGS_ENABLECOMMANDS=true",
		"MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS=127.0.0.0/8 localhost",
		"MM_SERVICESETTINGS_ENABLELOCALMODE=false",
		"MM_SERVICESETTINGS_WEBSERVERMODE=disabled",
		"MM_SERVICESETTINGS_ENABLESECURITYFIXALERT=false",
		"MM_LOGSETTINGS_ENABLEDIAGNOSTICS=false",
		"MM_LOGSETTINGS_ENABLEFILE=false",
		"MM_LOGSETTINGS_CONSOLELEVEL=WARN",
		"MM_ANNOUNCEMENTSETTINGS_ADMINNOTICESENABLED=false",
		"MM_ANNOUNCEMENTSETTINGS_USERNOTICESENABLED=false",
		"MM_PLUGINSETTINGS_ENABLE=false",
		"MM_EMAILSETTINGS_SENDEMAILNOTIFICATIONS=false",
		"MM_PRIVACYSETTINGS_SHOWEMAILADDRESS=true",
		"MM_RATELIMITSETTINGS_ENABLE=false",
		"MM_FILESETTINGS_DIRECTORY="+filepath.Join(dir, "data")+"/",
		"MM_PLUGINSETTINGS_DIRECTORY="+filepath.Join(dir, "plugins"),
		"MM_PLUGINSETTINGS_CLIENTDIRECTORY="+filepath.Join(dir, "client/plugins"),
	)
	p, err := start("mattermost", cmd, filepath.Join(dir, "mattermost.log"))
	if err != nil {
		return err
	}
	s.proc = p
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/api/v4/system/ping", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if p.exited() || ctx.Err() != nil {
			s.stop()
			return fmt.Errorf("Mattermost did not start:\n%s", p.tail(40))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// restart stops the server, keeps it down for outage and starts it again
// on the same port and data, as an upgrade or a crash of the server would.
func (s *mattermostServer) restart(outage time.Duration) error {
	s.stop()
	time.Sleep(outage)
	return s.launch()
}

// stop shuts the server down, killing it when it takes over 15 seconds.
func (s *mattermostServer) stop() {
	if s != nil && s.proc != nil {
		s.proc.stop(syscall.SIGTERM, 15*time.Second)
	}
}
