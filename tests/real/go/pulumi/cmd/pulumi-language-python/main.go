// A minimal Python language host for the real pulumi engine in blumeops' test bed.
//
// Upstream's host (module github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) is not
// served by the Go module proxy this project can reach, so this stand-in speaks the same LanguageRuntime
// gRPC protocol with upstream's own building blocks at the pinned release: the Python toolchain package
// (pip virtualenvs, uv, poetry) from sdk/v3 and upstream's `pulumi-language-python-exec` script, which
// tests/real/install copies beside this binary. It implements what `pulumi preview/up/refresh/destroy`
// and `pulumi install` call; plugin discovery answers "none" (the test programs use dynamic providers only).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// The pinned release, set with -ldflags by tests/real/install.
var version = "3.0.0-dev"

// Exit code by which the exec script says it already showed the user an actionable message.
const exitAfterUserMessage = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	execScript    string
}

func main() {
	args := os.Args[1:]
	engineAddress := ""
	if len(args) > 0 {
		// The engine passes its address as the last positional argument.
		engineAddress = args[len(args)-1]
	}
	self, err := os.Executable()
	if err != nil {
		cmdutil.Exit(err)
	}
	h := &host{
		engineAddress: engineAddress,
		execScript:    filepath.Join(filepath.Dir(self), "pulumi-language-python-exec"),
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(err)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(err)
	}
}

func (h *host) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	tc, _, err := resolveToolchain(req.GetInfo())
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	root := req.GetInfo().GetRootDirectory()
	return tc.InstallDependencies(server.Context(), root, req.GetUseLanguageVersionTools(), true, stdout, stderr)
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	tc, options, err := resolveToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	// uv and poetry create and sync their environment when the command starts; a pip virtualenv
	// must already be there (pulumi install makes it).
	if options.Toolchain != toolchain.Uv && options.Toolchain != toolchain.Poetry && options.Virtualenv != "" {
		if err := tc.ValidateVenv(ctx); err != nil {
			return nil, err
		}
	}
	cmd, err := tc.Command(ctx, append([]string{"-u", h.execScript}, h.execArgs(req)...)...)
	if err != nil {
		return nil, err
	}
	env, err := configEnv(req)
	if err != nil {
		return nil, err
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.Dir = req.GetPwd()
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	runErr := cmd.Run()
	if runErr == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok && status.ExitStatus() == exitAfterUserMessage {
			return &pulumirpc.RunResponse{Bail: true}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}, nil
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the Python program: %v", runErr)}, nil
}

func (h *host) execArgs(req *pulumirpc.RunRequest) []string {
	var args []string
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("root_directory", req.GetInfo().GetRootDirectory())
	add("dry_run", fmt.Sprintf("%v", req.GetDryRun()))
	add("parallel", fmt.Sprint(req.GetParallel()))
	add("organization", req.GetOrganization())
	program := req.GetInfo().GetEntryPoint()
	if program == "" {
		program = "."
	}
	args = append(args, program)
	return append(args, req.GetArgs()...)
}

// configEnv hands the stack config to the Python SDK the way upstream's host does.
func configEnv(req *pulumirpc.RunRequest) ([]string, error) {
	var env []string
	if len(req.GetConfig()) > 0 {
		data, err := json.Marshal(req.GetConfig())
		if err != nil {
			return nil, err
		}
		env = append(env, "PULUMI_CONFIG="+string(data))
	}
	if len(req.GetConfigSecretKeys()) > 0 {
		data, err := json.Marshal(req.GetConfigSecretKeys())
		if err != nil {
			return nil, err
		}
		env = append(env, "PULUMI_CONFIG_SECRET_KEYS="+string(data))
	}
	return env, nil
}

func resolveToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, toolchain.PythonOptions, error) {
	options := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
	}
	for key, value := range info.GetOptions().AsMap() {
		text, _ := value.(string)
		switch key {
		case "virtualenv":
			options.Virtualenv = text
		case "toolchain":
			switch text {
			case "pip":
				options.Toolchain = toolchain.Pip
			case "uv":
				options.Toolchain = toolchain.Uv
			case "poetry":
				options.Toolchain = toolchain.Poetry
			default:
				return nil, options, fmt.Errorf("unsupported toolchain option %q", text)
			}
		}
	}
	tc, err := toolchain.ResolveToolchain(options)
	return tc, options, err
}
