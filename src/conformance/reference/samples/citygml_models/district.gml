<?xml version="1.0" encoding="UTF-8"?>
<CityModel xmlns="http://www.opengis.net/citygml/3.0" xmlns:bldg="http://www.opengis.net/citygml/building/3.0"
    xmlns:con="http://www.opengis.net/citygml/construction/3.0"
    xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="example-district">
  <gml:name>Example district</gml:name>
  <gml:boundedBy>
    <gml:Envelope srsName="http://www.opengis.net/def/crs/EPSG/0/4547" srsDimension="3">
      <gml:lowerCorner>553500.0 3379200.0 4.0</gml:lowerCorner>
      <gml:upperCorner>553510.0 3379210.0 10.0</gml:upperCorner>
    </gml:Envelope>
  </gml:boundedBy>
  <cityObjectMember>
    <bldg:Building gml:id="building-a">
      <gml:name>Building A</gml:name>
      <boundary>
        <con:GroundSurface gml:id="building-a-ground">
          <lod2MultiSurface>
            <gml:MultiSurface>
              <gml:surfaceMember>
                <gml:Polygon gml:id="building-a-ground-polygon">
                  <gml:exterior><gml:LinearRing><gml:posList>553500.000 3379200.000 4.000 553500.000 3379210.000 4.000 553510.000 3379210.000 4.000 553510.000 3379200.000 4.000 553500.000 3379200.000 4.000</gml:posList></gml:LinearRing></gml:exterior>
                </gml:Polygon>
              </gml:surfaceMember>
            </gml:MultiSurface>
          </lod2MultiSurface>
        </con:GroundSurface>
      </boundary>
      <boundary>
        <con:RoofSurface gml:id="building-a-roof">
          <lod2MultiSurface>
            <gml:MultiSurface>
              <gml:surfaceMember>
                <gml:Polygon gml:id="building-a-roof-polygon">
                  <gml:exterior><gml:LinearRing><gml:posList>553500.000 3379200.000 10.000 553510.000 3379200.000 10.000 553510.000 3379210.000 10.000 553500.000 3379210.000 10.000 553500.000 3379200.000 10.000</gml:posList></gml:LinearRing></gml:exterior>
                </gml:Polygon>
              </gml:surfaceMember>
            </gml:MultiSurface>
          </lod2MultiSurface>
        </con:RoofSurface>
      </boundary>
      <boundary>
        <con:WallSurface gml:id="building-a-wall-1">
          <lod2MultiSurface>
            <gml:MultiSurface>
              <gml:surfaceMember>
                <gml:Polygon gml:id="building-a-wall-1-polygon">
                  <gml:exterior><gml:LinearRing><gml:posList>553500.000 3379200.000 4.000 553510.000 3379200.000 4.000 553510.000 3379200.000 10.000 553500.000 3379200.000 10.000 553500.000 3379200.000 4.000</gml:posList></gml:LinearRing></gml:exterior>
                </gml:Polygon>
              </gml:surfaceMember>
            </gml:MultiSurface>
          </lod2MultiSurface>
        </con:WallSurface>
      </boundary>
      <boundary>
        <con:WallSurface gml:id="building-a-wall-2">
          <lod2MultiSurface>
            <gml:MultiSurface>
              <gml:surfaceMember>
                <gml:Polygon gml:id="building-a-wall-2-polygon">
                  <gml:exterior><gml:LinearRing><gml:posList>553510.000 3379200.000 4.000 553510.000 3379210.000 4.000 553510.000 3379210.000 10.000 553510.000 3379200.000 10.000 553510.000 3379200.000 4.000</gml:posList></gml:LinearRing></gml:exterior>
                </gml:Polygon>
              </gml:surfaceMember>
            </gml:MultiSurface>
          </lod2MultiSurface>
        </con:WallSurface>
      </boundary>
      <boundary>
        <con:WallSurface gml:id="building-a-wall-3">
          <lod2MultiSurface>
            <gml:MultiSurface>
              <gml:surfaceMember>
                <gml:Polygon gml:id="building-a-wall-3-polygon">
                  <gml:exterior><gml:LinearRing><gml:posList>553510.000 3379210.000 4.000 553500.000 3379210.000 4.000 553500.000 3379210.000 10.000 553510.000 3379210.000 10.000 553510.000 3379210.000 4.000</gml:posList></gml:LinearRing></gml:exterior>
                </gml:Polygon>
              </gml:surfaceMember>
            </gml:MultiSurface>
          </lod2MultiSurface>
        </con:WallSurface>
      </boundary>
      <boundary>
        <con:WallSurface gml:id="building-a-wall-4">
          <lod2MultiSurface>
            <gml:MultiSurface>
              <gml:surfaceMember>
                <gml:Polygon gml:id="building-a-wall-4-polygon">
                  <gml:exterior><gml:LinearRing><gml:posList>553500.000 3379210.000 4.000 553500.000 3379200.000 4.000 553500.000 3379200.000 10.000 553500.000 3379210.000 10.000 553500.000 3379210.000 4.000</gml:posList></gml:LinearRing></gml:exterior>
                </gml:Polygon>
              </gml:surfaceMember>
            </gml:MultiSurface>
          </lod2MultiSurface>
        </con:WallSurface>
      </boundary>
      <lod2Solid>
        <gml:Solid gml:id="building-a-lod2-solid">
          <gml:exterior>
            <gml:Shell>
              <gml:surfaceMember xlink:href="#building-a-ground-polygon"/>
              <gml:surfaceMember xlink:href="#building-a-roof-polygon"/>
              <gml:surfaceMember xlink:href="#building-a-wall-1-polygon"/>
              <gml:surfaceMember xlink:href="#building-a-wall-2-polygon"/>
              <gml:surfaceMember xlink:href="#building-a-wall-3-polygon"/>
              <gml:surfaceMember xlink:href="#building-a-wall-4-polygon"/>
            </gml:Shell>
          </gml:exterior>
        </gml:Solid>
      </lod2Solid>
    </bldg:Building>
  </cityObjectMember>
</CityModel>
