-- Mixed public reads for the soak of bench/load: each request takes the next path in turn, per connection.
local paths = {
  "/api/v1/cases?pageSize=25",
  "/api/v1/cases?state=NGA&stage=Returned&pageSize=25",
  "/cases",
  "/api/v1/statistics/volumes?by=year",
  "/api/v1/cases?q=embezzled&pageSize=25",
  "/api/v1/cases?pageSize=25&page=40",
  "/cases?state=BRA",
  "/healthz",
}
local i = 0
request = function()
  i = (i % #paths) + 1
  return wrk.format("GET", paths[i])
end
