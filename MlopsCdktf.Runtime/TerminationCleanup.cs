using System.Runtime.InteropServices;

namespace MlopsCdktf.Runtime;

/// <summary>
/// Deletes a <see cref="RunTempFolder"/> however the process ends: at process exit, on an unhandled exception (which
/// ends the process without disposing anything or raising ProcessExit), and on SIGINT, SIGTERM and SIGHUP. On a signal
/// it stops the jsii kernel's Node.js first (it may be extracting into the folder), deletes the folder, deletes this
/// process's .NET diagnostic pipe and socket, and exits at once with 128 + the signal number, as a shell reports a
/// signal. Exiting at once (<c>_exit</c>) runs no more managed code: the jsii runtime's own exit handler would write to
/// the Node.js just killed, and the main thread, which loses its kernel at that moment, is held so that its failure
/// cannot abort the process first.
/// </summary>
internal sealed class TerminationCleanup : IDisposable
{
    private readonly RunTempFolder _folder;
    private readonly List<PosixSignalRegistration> _signals = [];
    private volatile bool _terminating;

    /// <summary>Registers the handlers for <paramref name="folder"/>.</summary>
    public TerminationCleanup(RunTempFolder folder)
    {
        _folder = folder;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        if (!OperatingSystem.IsWindows())
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
        }
    }

    /// <summary>Whether a signal handler is ending the process (errors on the main thread are its consequence, not news).</summary>
    public bool Terminating => _terminating;

    /// <summary>Unregisters the handlers (the folder itself is disposed by its owner).</summary>
    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _signals.Clear();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
    }

    private void OnProcessExit(object? sender, EventArgs e) => _folder.Dispose();

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        if (_terminating)
        {
            Thread.Sleep(Timeout.Infinite); // the signal handler is ending the process
        }

        _folder.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // this handler ends the process itself
        _terminating = true;
        ChildProcesses.KillAll();
        _folder.Dispose();
        // The main thread may have been writing into the folder (a package being extracted) until the kernel died.
        Thread.Sleep(50);
        _folder.DeleteAgain();
        RunTempFolder.DeleteRuntimeFilesOf(Environment.ProcessId, _folder.SystemTemp);
        var number = context.Signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            _ => 15,
        };
        Exit(128 + number);
    }

    [DllImport("libc", EntryPoint = "_exit")]
#pragma warning disable SYSLIB1054 // a void(int) call needs no marshalling, and LibraryImport would need unsafe code
    private static extern void Exit(int status);
#pragma warning restore SYSLIB1054
}
