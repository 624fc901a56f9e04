-- wrk script: POST the JSON body in the file named by WRK_BODY to the URL's path.
-- (No response callback: wrk counts non-2xx answers itself, and run.sh stops on any.)
local f = assert(io.open(os.getenv("WRK_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
