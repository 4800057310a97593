// The flow of the README in Go, through the client that openapi-generator's "go" generator makes
// from csbs/openapi.yaml (package csbs, generated into ./csbs by the build): list the policies,
// execute "daily", find the checkpoint's backups, wait until they are available, delete them. Then
// the stub's request journal judges every exchange: none may break the contract, and the journal
// must hold exactly the requests this flow sent.
// Run by the Maven build of other-clients: csbs-flow http://127.0.0.1:PORT
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"example.com/csbs-flow/csbs"
)

const (
	project  = "b942cc8342734d15bcb246babb1953cf"
	token    = "csbs-demo-token"
	provider = "fc4d5750-22e7-4798-8a46-f48f62c4c1da"
)

type journalEntry struct {
	ID       int64             `json:"id"`
	Method   string            `json:"method"`
	Path     string            `json:"path"`
	Status   int               `json:"status"`
	Valid    bool              `json:"valid"`
	Messages []json.RawMessage `json:"messages"`
}

type journal struct {
	Recorded int64          `json:"recorded"`
	Dropped  int64          `json:"dropped"`
	Requests []journalEntry `json:"requests"`
}

func readJournal(base, query string) (*journal, error) {
	response, err := http.Get(base + "/__admin/requests" + query)
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /__admin/requests%s: %d", query, response.StatusCode)
	}
	var j journal
	if err := json.NewDecoder(response.Body).Decode(&j); err != nil {
		return nil, err
	}
	return &j, nil
}

// The stub is started in the background by the build: wait until it answers (at most 60 s).
func waitForStub(base string) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := readJournal(base, "?valid=false")
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the stub at %s did not answer within 60 s: %w", base, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func clearJournal(base string) error {
	request, err := http.NewRequest(http.MethodDelete, base+"/__admin/requests", nil)
	if err != nil {
		return err
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		return err
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusNoContent {
		return fmt.Errorf("DELETE /__admin/requests: %d", response.StatusCode)
	}
	return nil
}

func run(base string) error {
	if err := waitForStub(base); err != nil {
		return err
	}
	if err := clearJournal(base); err != nil {
		return err
	}

	started := time.Now()
	configuration := csbs.NewConfiguration()
	configuration.Servers = csbs.ServerConfigurations{{URL: base}}
	client := csbs.NewAPIClient(configuration)
	ctx := context.WithValue(context.Background(), csbs.ContextAPIKeys,
		map[string]csbs.APIKey{"iam_token": {Key: token}})

	list, _, err := client.PolicyAPI.ListBackupPolicies(ctx, project).Execute()
	if err != nil {
		return fmt.Errorf("listBackupPolicies: %w", err)
	}
	var daily *csbs.PolicyResp
	for i := range list.Policies {
		if list.Policies[i].Name == "daily" {
			daily = &list.Policies[i]
		}
	}
	if daily == nil {
		return fmt.Errorf("no policy \"daily\" among %d policies", len(list.Policies))
	}

	resources := make([]string, 0, len(daily.Resources))
	for _, resource := range daily.Resources {
		resources = append(resources, resource.Id)
	}
	parameters := csbs.NewCheckpointParam()
	parameters.SetAutoTrigger(false)
	parameters.SetResources(resources)
	execution, _, err := client.BackupAPI.ExecuteBackupPolicy(ctx, project, provider).
		ExecuteBackupPolicyRequest(*csbs.NewExecuteBackupPolicyRequest(*csbs.NewCheckpointReq(*parameters, daily.Id))).
		Execute()
	if err != nil {
		return fmt.Errorf("executeBackupPolicy: %w", err)
	}
	checkpointID := execution.Checkpoint.Id

	// Wait until every backup of the checkpoint is available (at most 30 s), failing on an error.
	polls := 0
	var items []csbs.CheckpointItem
	deadline := time.Now().Add(30 * time.Second)
	for {
		page, _, err := client.BackupAPI.ListBackups(ctx, project).CheckpointId(checkpointID).Execute()
		if err != nil {
			return fmt.Errorf("listBackups: %w", err)
		}
		polls++
		items = page.CheckpointItems
		if len(items) != len(daily.Resources) {
			return fmt.Errorf("checkpoint %s: %d backups, expected %d", checkpointID, len(items), len(daily.Resources))
		}
		available := 0
		for _, item := range items {
			switch item.Status {
			case "error":
				return fmt.Errorf("backup %s in error: %s", item.Id, item.ExtendInfo.FailReason)
			case "available":
				available++
			}
		}
		if available == len(items) {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("backups of %s not available after 30 s", checkpointID)
		}
		time.Sleep(100 * time.Millisecond)
	}

	if _, _, err := client.BackupAPI.DeleteBackup(ctx, project, provider, checkpointID).Execute(); err != nil {
		return fmt.Errorf("deleteBackup: %w", err)
	}
	took := time.Since(started)

	// The journal's verdict: no request broke the contract...
	invalid, err := readJournal(base, "?valid=false")
	if err != nil {
		return err
	}
	if len(invalid.Requests) != 0 {
		body, _ := json.MarshalIndent(invalid.Requests, "", "  ")
		return fmt.Errorf("requests that broke the contract:\n%s", body)
	}
	// ...and the journal holds exactly what this flow sent, each answered 200.
	all, err := readJournal(base, "")
	if err != nil {
		return err
	}
	sent := make([]string, 0, len(all.Requests))
	for _, r := range all.Requests {
		sent = append(sent, fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status))
	}
	v1 := "/v1/" + project
	expected := []string{"GET " + v1 + "/policies 200", "POST " + v1 + "/providers/" + provider + "/checkpoints 200"}
	for i := 0; i < polls; i++ {
		expected = append(expected, "GET "+v1+"/checkpoint_items 200")
	}
	expected = append(expected, "DELETE "+v1+"/providers/"+provider+"/checkpoints/"+checkpointID+" 200")
	if strings.Join(sent, "\n") != strings.Join(expected, "\n") {
		return fmt.Errorf("the journal holds\n  %s\nexpected\n  %s",
			strings.Join(sent, "\n  "), strings.Join(expected, "\n  "))
	}

	fmt.Printf("Go flow: %d requests (%d backups available after %d listings, then deleted), "+
		"0 invalid in the journal, %d ms\n", len(expected), len(items), polls, took.Milliseconds())
	return nil
}

func main() {
	base := "http://127.0.0.1:8080"
	if len(os.Args) > 1 {
		base = os.Args[1]
	}
	if err := run(base); err != nil {
		fmt.Fprintf(os.Stderr, "Go flow failed: %v\n", err)
		os.Exit(1)
	}
}
