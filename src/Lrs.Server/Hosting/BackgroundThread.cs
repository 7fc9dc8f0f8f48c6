using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Lrs.Server.Hosting;

/// <summary>
/// Runs an async loop on a thread of its own at a lower CPU priority (Linux nice 10), its continuations included: its
/// awaits resume on that thread, not on the pool that serves requests. For background work that must not take the
/// cores from requests on a small machine: the analytics follower's catch-ups took a core for tens of milliseconds a
/// few times a second under single-statement POSTs, and the requests queued behind them made W1's p99.
/// </summary>
public static partial class BackgroundThread
{
    /// <summary>The niceness asked for: requests (nice 0) weigh about ten times as much with the scheduler.</summary>
    private const int Nice = 10;

    public static Task Run(string name, Func<Task> loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            LowerPriority();
            var context = new QueueContext();
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                var task = loop();
                task.ContinueWith(_ => context.Complete(), TaskScheduler.Default);
                context.RunUntilComplete();
                task.GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (OperationCanceledException)
            {
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Only Linux: elsewhere the thread keeps the normal priority (.NET's Thread.Priority is not applied there).</summary>
    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // PRIO_PROCESS with a thread id sets that thread's niceness alone on Linux. Raising niceness needs no privilege.
            _ = SetPriority(0, GetThreadId(), Nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: the normal priority stands.
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    /// <summary>Posted continuations, run in order on the owning thread until the loop's task is complete.</summary>
    private sealed class QueueContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("the follower's thread takes posts only");

        public void Complete() => _queue.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in _queue.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}
